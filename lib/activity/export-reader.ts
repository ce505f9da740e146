// Reads pages of records for the exports. With SQLite (the default install) they go through a
// read-only better-sqlite3 connection to the same database file rather than the Prisma client:
// Prisma's driver-adapter result path costs ~15 µs of CPU per row against ~5 µs for SQLite itself
// (measured, bench/activity.md), and an export reads every row an account has. Each page is still
// its own statement, so no read snapshot is held between pages while a slow client downloads.
// Any other database URL (PostgreSQL) goes through the Prisma client. The two return the same
// columns with different value types — SQLite ISO text and 0/1, PostgreSQL Dates and booleans —
// and every reader of these rows (the CSV line, the JSON export's record) accepts both, so the
// exports come out byte for byte the same.
import Database from "better-sqlite3";
import { db, rawQuery } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import { toDbTime } from "@/lib/activity/rollup";

type TReader = { db: Database.Database; statements: Map<string, Database.Statement> };

function sqliteFile(): string | null {
  const url = databaseUrl();
  if (!url.startsWith("file:")) return null;
  const file = url.slice("file:".length).split("?")[0]!;
  return file && file !== ":memory:" ? file : null;
}

function reader(file: string): TReader {
  return singleton(`activity-export-reader:${file}`, () => {
    const conn = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    conn.pragma("secure_delete = ON");
    return { db: conn, statements: new Map() };
  });
}

function bindable(value: unknown): unknown {
  if (value instanceof Date) return toDbTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function statementFor(file: string, sql: string): Database.Statement {
  const r = reader(file);
  let statement = r.statements.get(sql);
  if (!statement) {
    statement = r.db.prepare(sql);
    if (r.statements.size > 50) r.statements.clear();
    r.statements.set(sql, statement);
  }
  return statement;
}

export async function readRows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const file = sqliteFile();
  if (!file) return rawQuery<Record<string, unknown>[]>(db, sql, ...params);
  return statementFor(file, sql)
    .raw(false)
    .all(...params.map(bindable)) as Record<string, unknown>[];
}

/**
 * The same, as arrays of values with the column names once: better-sqlite3 builds a row array in
 * less than half the time of a row object (measured ~2.7 µs against ~6.3 µs for the CSV's columns).
 */
export async function readRowArrays(sql: string, params: unknown[]): Promise<{ columns: string[]; rows: unknown[][] }> {
  const file = sqliteFile();
  if (!file) {
    const objects = await rawQuery<Record<string, unknown>[]>(db, sql, ...params);
    const columns = objects[0] ? Object.keys(objects[0]) : [];
    return { columns, rows: objects.map((o) => columns.map((c) => o[c])) };
  }
  const statement = statementFor(file, sql).raw(true);
  return {
    columns: statement.columns().map((c) => c.name),
    rows: statement.all(...params.map(bindable)) as unknown[][],
  };
}
