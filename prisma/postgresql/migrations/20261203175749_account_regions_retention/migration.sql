-- AlterTable
ALTER TABLE "User" ADD COLUMN     "allowedDataRegions" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "maxRetentionDays" INTEGER;
