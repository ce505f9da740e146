-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "promptLogging" BOOLEAN NOT NULL DEFAULT false,
    "allowTrainingPaid" BOOLEAN NOT NULL DEFAULT false,
    "allowTrainingFree" BOOLEAN NOT NULL DEFAULT false,
    "zdrOnly" BOOLEAN NOT NULL DEFAULT false,
    "ignoredProviders" TEXT NOT NULL DEFAULT '[]',
    "contentRetentionDays" INTEGER NOT NULL DEFAULT 30,
    "metadataRetentionDays" INTEGER NOT NULL DEFAULT 365,
    "allowedDataRegions" TEXT NOT NULL DEFAULT '[]',
    "maxRetentionDays" INTEGER,
    "settingsUpdatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "role" TEXT NOT NULL DEFAULT 'member',
    "disabledAt" DATETIME
);
INSERT INTO "new_User" ("allowTrainingFree", "allowTrainingPaid", "contentRetentionDays", "createdAt", "disabledAt", "email", "id", "ignoredProviders", "metadataRetentionDays", "passwordHash", "promptLogging", "role", "sessionVersion", "settingsUpdatedAt", "zdrOnly") SELECT "allowTrainingFree", "allowTrainingPaid", "contentRetentionDays", "createdAt", "disabledAt", "email", "id", "ignoredProviders", "metadataRetentionDays", "passwordHash", "promptLogging", "role", "sessionVersion", "settingsUpdatedAt", "zdrOnly" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
