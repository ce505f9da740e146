-- DropIndex
DROP INDEX "Generation_userId_createdAt_idx";

-- CreateTable
-- Edited by hand: WITHOUT ROWID, so the primary key is the table and one account's buckets of one
-- granularity are read as one contiguous range (schema.prisma, ActivityRollup).
CREATE TABLE "ActivityRollup" (
    "userId" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "model" TEXT NOT NULL,
    "providerSlug" TEXT NOT NULL,
    "providerName" TEXT NOT NULL DEFAULT '',
    "apiKeyId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "app" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "promptTokens" INTEGER NOT NULL,
    "completionTokens" INTEGER NOT NULL,
    "cost" REAL NOT NULL,

    PRIMARY KEY ("userId", "unit", "bucketStart", "model", "providerSlug", "apiKeyId", "status", "app"),
    CONSTRAINT "ActivityRollup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateIndex
CREATE INDEX "Generation_userId_createdAt_id_idx" ON "Generation"("userId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Generation_userId_model_createdAt_idx" ON "Generation"("userId", "model", "createdAt");

-- CreateIndex
CREATE INDEX "Generation_userId_providerSlug_createdAt_idx" ON "Generation"("userId", "providerSlug", "createdAt");

-- CreateIndex
CREATE INDEX "Generation_userId_status_createdAt_idx" ON "Generation"("userId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Generation_userId_apiKeyId_createdAt_idx" ON "Generation"("userId", "apiKeyId", "createdAt");

-- CreateIndex
CREATE INDEX "Generation_userId_appReferer_createdAt_idx" ON "Generation"("userId", "appReferer", "createdAt");

-- Edited by hand: roll up the records written before this migration, so existing accounts' summaries
-- match their tables. Timestamps are stored as ISO text ("2026-11-27T16:57:16.472+00:00"); a bucket
-- start is its prefix padded back to that format. Minute buckets only for the last 48 hours and hour
-- buckets for the last 7 days, as lib/activity/rollup.ts keeps them.
INSERT INTO "ActivityRollup" ("userId", "unit", "bucketStart", "model", "providerSlug", "providerName", "apiKeyId", "status", "app", "requests", "promptTokens", "completionTokens", "cost")
SELECT "userId", 'month', substr("createdAt", 1, 7) || '-01T00:00:00.000+00:00', "model", coalesce("providerSlug", ''), max(coalesce("providerName", '')), coalesce("apiKeyId", ''), "status", coalesce("appReferer", ''), count(*), sum("promptTokens"), sum("completionTokens"), sum("cost")
FROM "Generation" GROUP BY 1, 2, 3, 4, 5, 7, 8, 9;

INSERT INTO "ActivityRollup" ("userId", "unit", "bucketStart", "model", "providerSlug", "providerName", "apiKeyId", "status", "app", "requests", "promptTokens", "completionTokens", "cost")
SELECT "userId", 'day', substr("createdAt", 1, 10) || 'T00:00:00.000+00:00', "model", coalesce("providerSlug", ''), max(coalesce("providerName", '')), coalesce("apiKeyId", ''), "status", coalesce("appReferer", ''), count(*), sum("promptTokens"), sum("completionTokens"), sum("cost")
FROM "Generation" GROUP BY 1, 2, 3, 4, 5, 7, 8, 9;

INSERT INTO "ActivityRollup" ("userId", "unit", "bucketStart", "model", "providerSlug", "providerName", "apiKeyId", "status", "app", "requests", "promptTokens", "completionTokens", "cost")
SELECT "userId", 'hour', substr("createdAt", 1, 13) || ':00:00.000+00:00', "model", coalesce("providerSlug", ''), max(coalesce("providerName", '')), coalesce("apiKeyId", ''), "status", coalesce("appReferer", ''), count(*), sum("promptTokens"), sum("completionTokens"), sum("cost")
FROM "Generation" WHERE "createdAt" >= strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now', '-7 days')
GROUP BY 1, 2, 3, 4, 5, 7, 8, 9;

INSERT INTO "ActivityRollup" ("userId", "unit", "bucketStart", "model", "providerSlug", "providerName", "apiKeyId", "status", "app", "requests", "promptTokens", "completionTokens", "cost")
SELECT "userId", 'minute', substr("createdAt", 1, 16) || ':00.000+00:00', "model", coalesce("providerSlug", ''), max(coalesce("providerName", '')), coalesce("apiKeyId", ''), "status", coalesce("appReferer", ''), count(*), sum("promptTokens"), sum("completionTokens"), sum("cost")
FROM "Generation" WHERE "createdAt" >= strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now', '-2 days')
GROUP BY 1, 2, 3, 4, 5, 7, 8, 9;
