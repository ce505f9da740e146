-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allowedModels" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "allowedProviders" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "disabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "isManagement" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "limitReset" TEXT,
ADD COLUMN     "rateLimitPerMinute" INTEGER,
ADD COLUMN     "requireZdr" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "spendLimit" DOUBLE PRECISION,
ADD COLUMN     "updatedAt" TIMESTAMP(3);
