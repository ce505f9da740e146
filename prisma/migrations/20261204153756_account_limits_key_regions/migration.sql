-- CreateTable
CREATE TABLE "AccountLimits" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "spendLimit" REAL,
    "limitReset" TEXT,
    "allowedModels" TEXT NOT NULL DEFAULT '[]',
    "allowedProviders" TEXT NOT NULL DEFAULT '[]',
    "requireZdr" BOOLEAN NOT NULL DEFAULT false,
    "rateLimitPerMinute" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AccountLimits_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "updatedAt" DATETIME,
    "spendLimit" REAL,
    "limitReset" TEXT,
    "allowedModels" TEXT NOT NULL DEFAULT '[]',
    "allowedProviders" TEXT NOT NULL DEFAULT '[]',
    "requireZdr" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" DATETIME,
    "rateLimitPerMinute" INTEGER,
    "allowedDataRegions" TEXT NOT NULL DEFAULT '[]',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "isManagement" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("allowedModels", "allowedProviders", "createdAt", "disabled", "expiresAt", "hash", "id", "isManagement", "lastUsedAt", "limitReset", "name", "prefix", "rateLimitPerMinute", "requireZdr", "revokedAt", "spendLimit", "updatedAt", "userId") SELECT "allowedModels", "allowedProviders", "createdAt", "disabled", "expiresAt", "hash", "id", "isManagement", "lastUsedAt", "limitReset", "name", "prefix", "rateLimitPerMinute", "requireZdr", "revokedAt", "spendLimit", "updatedAt", "userId" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");
CREATE INDEX "ApiKey_userId_createdAt_idx" ON "ApiKey"("userId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
