-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'chat';
