-- CreateTable
CREATE TABLE "RankingSnapshot" (
    "period" TEXT NOT NULL,
    "lastDay" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("period", "lastDay")
);
