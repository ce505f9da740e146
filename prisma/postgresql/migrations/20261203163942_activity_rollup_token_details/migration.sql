-- AlterTable
ALTER TABLE "ActivityRollup" ADD COLUMN     "cachedPromptTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "reasoningTokens" BIGINT NOT NULL DEFAULT 0;

-- Backfill: the buckets' sums from the records they count (the records carry these counts since
-- 20261203142556_provider_values; older ones hold 0). Buckets already pruned are not recreated.
UPDATE "ActivityRollup" SET "cachedPromptTokens" = s."cached", "reasoningTokens" = s."reasoning"
FROM (
    SELECT "userId", 'month' AS "unit", date_trunc('month', "createdAt") AS "bucketStart", "model",
           coalesce("providerSlug", '') AS "providerSlug", coalesce("apiKeyId", '') AS "apiKeyId", "status",
           coalesce("appReferer", '') AS "app", sum("cachedPromptTokens") AS "cached", sum("reasoningTokens") AS "reasoning"
    FROM "Generation" WHERE "cachedPromptTokens" > 0 OR "reasoningTokens" > 0
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    UNION ALL
    SELECT "userId", 'day' AS "unit", date_trunc('day', "createdAt") AS "bucketStart", "model",
           coalesce("providerSlug", '') AS "providerSlug", coalesce("apiKeyId", '') AS "apiKeyId", "status",
           coalesce("appReferer", '') AS "app", sum("cachedPromptTokens") AS "cached", sum("reasoningTokens") AS "reasoning"
    FROM "Generation" WHERE "cachedPromptTokens" > 0 OR "reasoningTokens" > 0
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    UNION ALL
    SELECT "userId", 'hour' AS "unit", date_trunc('hour', "createdAt") AS "bucketStart", "model",
           coalesce("providerSlug", '') AS "providerSlug", coalesce("apiKeyId", '') AS "apiKeyId", "status",
           coalesce("appReferer", '') AS "app", sum("cachedPromptTokens") AS "cached", sum("reasoningTokens") AS "reasoning"
    FROM "Generation" WHERE "cachedPromptTokens" > 0 OR "reasoningTokens" > 0
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    UNION ALL
    SELECT "userId", 'minute' AS "unit", date_trunc('minute', "createdAt") AS "bucketStart", "model",
           coalesce("providerSlug", '') AS "providerSlug", coalesce("apiKeyId", '') AS "apiKeyId", "status",
           coalesce("appReferer", '') AS "app", sum("cachedPromptTokens") AS "cached", sum("reasoningTokens") AS "reasoning"
    FROM "Generation" WHERE "cachedPromptTokens" > 0 OR "reasoningTokens" > 0
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
) AS s
WHERE "ActivityRollup"."userId" = s."userId" AND "ActivityRollup"."unit" = s."unit"
  AND "ActivityRollup"."bucketStart" = s."bucketStart" AND "ActivityRollup"."model" = s."model"
  AND "ActivityRollup"."providerSlug" = s."providerSlug" AND "ActivityRollup"."apiKeyId" = s."apiKeyId"
  AND "ActivityRollup"."status" = s."status" AND "ActivityRollup"."app" = s."app";
