-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "output" TEXT NOT NULL DEFAULT 'text';
