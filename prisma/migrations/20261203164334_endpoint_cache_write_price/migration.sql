-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "priceCacheWrite" REAL;
