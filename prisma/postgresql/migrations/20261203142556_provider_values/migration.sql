-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "priceCacheRead" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "cachedPromptTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reasoningTokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "usageEstimated" BOOLEAN NOT NULL DEFAULT false;
