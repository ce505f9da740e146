-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Generation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "model" TEXT NOT NULL,
    "providerSlug" TEXT,
    "providerName" TEXT,
    "upstreamModel" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'api',
    "kind" TEXT NOT NULL DEFAULT 'chat',
    "appTitle" TEXT,
    "appReferer" TEXT,
    "userAgent" TEXT,
    "externalUser" TEXT,
    "streamed" BOOLEAN NOT NULL DEFAULT false,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "errorCode" TEXT,
    "finishReason" TEXT,
    "nativeFinishReason" TEXT,
    "latencyMs" INTEGER,
    "firstTokenMs" INTEGER,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "cost" REAL NOT NULL DEFAULT 0,
    "attempts" TEXT NOT NULL DEFAULT '[]',
    "dataPolicy" TEXT,
    "contentStored" BOOLEAN NOT NULL DEFAULT false,
    "cachedPromptTokens" INTEGER NOT NULL DEFAULT 0,
    "reasoningTokens" INTEGER NOT NULL DEFAULT 0,
    "usageEstimated" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Generation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Generation" ("apiKeyId", "appReferer", "appTitle", "attempts", "cachedPromptTokens", "cancelled", "completionTokens", "contentStored", "cost", "createdAt", "dataPolicy", "errorCode", "externalUser", "finishReason", "firstTokenMs", "httpStatus", "id", "latencyMs", "model", "nativeFinishReason", "origin", "promptTokens", "providerName", "providerSlug", "reasoningTokens", "status", "streamed", "upstreamModel", "usageEstimated", "userAgent", "userId") SELECT "apiKeyId", "appReferer", "appTitle", "attempts", "cachedPromptTokens", "cancelled", "completionTokens", "contentStored", "cost", "createdAt", "dataPolicy", "errorCode", "externalUser", "finishReason", "firstTokenMs", "httpStatus", "id", "latencyMs", "model", "nativeFinishReason", "origin", "promptTokens", "providerName", "providerSlug", "reasoningTokens", "status", "streamed", "upstreamModel", "usageEstimated", "userAgent", "userId" FROM "Generation";
DROP TABLE "Generation";
ALTER TABLE "new_Generation" RENAME TO "Generation";
CREATE INDEX "Generation_userId_createdAt_id_idx" ON "Generation"("userId", "createdAt", "id");
CREATE INDEX "Generation_userId_model_createdAt_idx" ON "Generation"("userId", "model", "createdAt");
CREATE INDEX "Generation_userId_providerSlug_createdAt_idx" ON "Generation"("userId", "providerSlug", "createdAt");
CREATE INDEX "Generation_userId_status_createdAt_idx" ON "Generation"("userId", "status", "createdAt");
CREATE INDEX "Generation_userId_apiKeyId_createdAt_idx" ON "Generation"("userId", "apiKeyId", "createdAt");
CREATE INDEX "Generation_userId_appReferer_createdAt_idx" ON "Generation"("userId", "appReferer", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
