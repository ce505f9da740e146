-- Hand-edited: the table stays WITHOUT ROWID (see 20261127171144_activity_rollups).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ActivityRollup" (
    "userId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "model" TEXT NOT NULL,
    "providerSlug" TEXT NOT NULL,
    "providerName" TEXT NOT NULL DEFAULT '',
    "apiKeyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "app" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "cost" REAL NOT NULL,

    PRIMARY KEY ("userId", "unit", "bucketStart", "model", "providerSlug", "apiKeyId", "status", "app"),
    CONSTRAINT "ActivityRollup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_ActivityRollup" ("apiKeyId", "app", "bucketStart", "completionTokens", "cost", "model", "promptTokens", "providerName", "providerSlug", "requests", "status", "unit", "userId") SELECT "apiKeyId", "app", "bucketStart", "completionTokens", "cost", "model", "promptTokens", "providerName", "providerSlug", "requests", "status", "unit", "userId" FROM "ActivityRollup";
DROP TABLE "ActivityRollup";
ALTER TABLE "new_ActivityRollup" RENAME TO "ActivityRollup";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
