-- CreateTable
CREATE TABLE "GenerationContent" (
    "generationId" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "iv" BLOB NOT NULL,
    "ciphertext" BLOB NOT NULL,
    "tag" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "GenerationContent_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GenerationContent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CategorySample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "generationId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CategorySample_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
-- Edited by hand: WITHOUT ROWID, so rows are stored in the order of their random ids and the
-- table keeps no trace of the order (and so the time) in which they were written.
CREATE TABLE "AnonymousSample" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "day" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "category" TEXT NOT NULL
) WITHOUT ROWID;

-- CreateIndex
CREATE INDEX "GenerationContent_userId_idx" ON "GenerationContent"("userId");

-- CreateIndex
CREATE INDEX "GenerationContent_expiresAt_idx" ON "GenerationContent"("expiresAt");

-- CreateIndex
CREATE INDEX "CategorySample_userId_idx" ON "CategorySample"("userId");

-- CreateIndex
CREATE INDEX "CategorySample_createdAt_idx" ON "CategorySample"("createdAt");

-- CreateIndex
CREATE INDEX "AnonymousSample_day_idx" ON "AnonymousSample"("day");
