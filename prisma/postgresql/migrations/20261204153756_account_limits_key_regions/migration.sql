-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "allowedDataRegions" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "AccountLimits" (
    "userId" TEXT NOT NULL,
    "spendLimit" DOUBLE PRECISION,
    "limitReset" TEXT,
    "allowedModels" TEXT NOT NULL DEFAULT '[]',
    "allowedProviders" TEXT NOT NULL DEFAULT '[]',
    "requireZdr" BOOLEAN NOT NULL DEFAULT false,
    "rateLimitPerMinute" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountLimits_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "AccountLimits" ADD CONSTRAINT "AccountLimits_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
