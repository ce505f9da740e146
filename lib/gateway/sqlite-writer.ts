// The metadata writer's fast path on SQLite: one dedicated better-sqlite3 connection with prepared
// statements, one `BEGIN IMMEDIATE … COMMIT` per batch. Going through Prisma's query compiler for
// every batch cost about a third of the gateway's CPU (bench/README.md). The recorder runs one
// batch at a time, so nothing else ever uses this connection concurrently. Values are bound in the
// formats the Prisma client reads back (ISO text dates with an offset, 0/1 booleans).
import Database from "better-sqlite3";
import { singleton } from "@/lib/singleton";

type TValue = string | number | bigint | Buffer | null;

export function toSqliteValue(value: unknown): TValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return value;
  return JSON.stringify(value);
}

export type TSqliteWriter = {
  /** Inserts rows into a table (column names from the first row's keys, fixed per table). */
  insert(table: string, rows: Record<string, unknown>[]): void;
  run(sql: string, params: unknown[]): number;
  all(sql: string, params: unknown[]): unknown[];
  transaction<T>(work: () => Promise<T>): Promise<T>;
};

/** The SQLite file of a `file:` DATABASE_URL, or null for any other database. */
export function sqliteFile(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const file = url.slice("file:".length).split("?")[0]!;
  return file && file !== ":memory:" ? file : null;
}

function createWriter(file: string): TSqliteWriter {
  const conn = new Database(file, { timeout: 5_000, fileMustExist: true });
  conn.pragma("journal_mode = WAL");
  conn.pragma("synchronous = NORMAL");
  conn.pragma("foreign_keys = ON");
  conn.pragma("secure_delete = ON");
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = conn.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const statement = prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
      );
      for (const row of rows) statement.run(...columns.map((c) => toSqliteValue(row[c])));
    },
    run(sql, params) {
      return prepare(sql).run(...params.map(toSqliteValue)).changes;
    },
    all(sql, params) {
      return prepare(sql).all(...params.map(toSqliteValue));
    },
    async transaction(work) {
      conn.prepare("BEGIN IMMEDIATE").run();
      try {
        const result = await work();
        conn.prepare("COMMIT").run();
        return result;
      } catch (error) {
        if (conn.inTransaction) conn.prepare("ROLLBACK").run();
        throw error;
      }
    },
  };
}

/** The writer for this database file, created once per process. */
export function sqliteWriter(file: string): TSqliteWriter {
  return singleton(`sqlite-writer:${file}`, () => createWriter(file));
}
