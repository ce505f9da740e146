-- AlterTable
ALTER TABLE "Provider" ADD COLUMN "dataRegions" TEXT;
