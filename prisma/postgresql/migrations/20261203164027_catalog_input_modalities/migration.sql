-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "inputModalities" TEXT;
