-- CreateTable
CREATE TABLE "EndpointHealth" (
    "instanceId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "latencyMs" REAL,
    "throughput" REAL,
    "consecutiveFailures" INTEGER NOT NULL,
    "lastFailureAt" DATETIME,
    "openUntil" DATETIME,

    PRIMARY KEY ("instanceId", "endpointId")
);

-- CreateIndex
CREATE INDEX "EndpointHealth_updatedAt_idx" ON "EndpointHealth"("updatedAt");
