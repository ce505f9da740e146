-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Model" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "contextLength" INTEGER NOT NULL,
    "inputModalities" TEXT,
    "output" TEXT NOT NULL DEFAULT 'text',
    "position" INTEGER NOT NULL
);
INSERT INTO "new_Model" ("author", "contextLength", "description", "id", "inputModalities", "name", "position", "slug") SELECT "author", "contextLength", "description", "id", "inputModalities", "name", "position", "slug" FROM "Model";
DROP TABLE "Model";
ALTER TABLE "new_Model" RENAME TO "Model";
CREATE INDEX "Model_author_slug_idx" ON "Model"("author", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
