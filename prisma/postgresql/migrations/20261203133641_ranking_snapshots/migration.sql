-- CreateTable
CREATE TABLE "RankingSnapshot" (
    "period" TEXT NOT NULL,
    "lastDay" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RankingSnapshot_pkey" PRIMARY KEY ("period","lastDay")
);
