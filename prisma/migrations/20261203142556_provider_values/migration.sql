-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "priceCacheRead" REAL;

-- AlterTable (added at the end, as columns with defaults: no copy of the Generation table)
ALTER TABLE "Generation" ADD COLUMN "cachedPromptTokens" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Generation" ADD COLUMN "reasoningTokens" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Generation" ADD COLUMN "usageEstimated" BOOLEAN NOT NULL DEFAULT false;
