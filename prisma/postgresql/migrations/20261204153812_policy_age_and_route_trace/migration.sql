-- AlterTable
ALTER TABLE "User" ADD COLUMN     "maxPolicyAgeDays" INTEGER;

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "route" TEXT;
