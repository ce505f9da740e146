import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteBatch, sqliteWriter } from "@/lib/gateway/sqlite-writer";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-sqlite-writer-"));
const file = path.join(dir, "writer.db");
const setup = new Database(file);
setup.pragma("journal_mode = WAL");
setup.exec(`CREATE TABLE "Row" ("id" TEXT PRIMARY KEY, "at" TEXT NOT NULL, "n" INTEGER, "flag" INTEGER)`);
setup.close();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = () => {
  const conn = new Database(file, { readonly: true });
  try {
    return conn.prepare(`SELECT * FROM "Row" ORDER BY "id"`).all();
  } finally {
    conn.close();
  }
};

describe("the SQLite metadata writer", () => {
  it("has a batch on disk, values in the client's formats, once write() resolves", async () => {
    const batch = new SqliteBatch();
    batch.insert("Row", [
      { id: "a", at: new Date("2026-01-02T03:04:05.006Z"), n: 1, flag: true },
      { id: "b", at: new Date("2026-01-02T03:04:05.006Z"), n: null, flag: false },
    ]);
    batch.run(`UPDATE "Row" SET "n" = ? WHERE "id" = ?`, [7, "b"]);
    await sqliteWriter(file).write(batch.statements);
    expect(read()).toEqual([
      { id: "a", at: "2026-01-02T03:04:05.006+00:00", n: 1, flag: 1 },
      { id: "b", at: "2026-01-02T03:04:05.006+00:00", n: 7, flag: 0 },
    ]);
  });

  it("writes all of a batch or none of it, and goes on with the next one", async () => {
    const failing = new SqliteBatch();
    failing.insert("Row", [{ id: "c", at: "t", n: 1, flag: 0 }]);
    failing.insert("Row", [{ id: "a", at: "t", n: 2, flag: 0 }]); // the primary key is taken
    await expect(sqliteWriter(file).write(failing.statements)).rejects.toThrow(/UNIQUE/);
    expect(read().map((row) => (row as { id: string }).id)).toEqual(["a", "b"]);

    const next = new SqliteBatch();
    next.insert("Row", [{ id: "c", at: "t", n: 3, flag: 0 }]);
    await sqliteWriter(file).write(next.statements);
    expect(read().map((row) => (row as { id: string }).id)).toEqual(["a", "b", "c"]);
  });
});
