-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "priceCacheWrite" DOUBLE PRECISION;
