-- CreateTable
CREATE TABLE "ContentKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "wrapKeyId" TEXT NOT NULL,
    "wrapped" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ContentKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ContentKey_userId_key" ON "ContentKey"("userId");

-- CreateIndex
CREATE INDEX "ContentKey_wrapKeyId_idx" ON "ContentKey"("wrapKeyId");
