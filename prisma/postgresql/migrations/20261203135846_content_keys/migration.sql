-- CreateTable
CREATE TABLE "ContentKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "wrapKeyId" TEXT NOT NULL,
    "wrapped" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ContentKey_userId_key" ON "ContentKey"("userId");

-- CreateIndex
CREATE INDEX "ContentKey_wrapKeyId_idx" ON "ContentKey"("wrapKeyId");

-- AddForeignKey
ALTER TABLE "ContentKey" ADD CONSTRAINT "ContentKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
