-- CreateTable
CREATE TABLE "EndpointHealth" (
    "instanceId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "latencyMs" DOUBLE PRECISION,
    "throughput" DOUBLE PRECISION,
    "consecutiveFailures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3),
    "openUntil" TIMESTAMP(3),

    CONSTRAINT "EndpointHealth_pkey" PRIMARY KEY ("instanceId","endpointId")
);

-- CreateIndex
CREATE INDEX "EndpointHealth_updatedAt_idx" ON "EndpointHealth"("updatedAt");
