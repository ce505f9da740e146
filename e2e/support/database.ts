// Reading the running e2e server's database directly (PRIVET_E2E_DATABASE_URL, set by
// playwright.config.ts): the SQLite file read-only through better-sqlite3, or the run's PostgreSQL
// database through pg in a read-only session. Statements are written once, with `?` placeholders and
// double-quoted identifiers, as in lib/db.ts. Values come back as each driver gives them (booleans
// are 0/1 on SQLite, counts are strings on PostgreSQL): compare a snapshot with another snapshot, or
// convert with Number()/Boolean().
import Database from "better-sqlite3";
import pg from "pg";
import { toDialectSql } from "@/lib/db";
import { databaseDialect } from "@/lib/env";

export type TRow = Record<string, unknown>;

export type TE2eDb = {
  dialect: "sqlite" | "postgresql";
  all: <T = TRow>(sql: string, ...params: unknown[]) => Promise<T[]>;
  /** The first row; the test fails when there is none. */
  one: <T = TRow>(sql: string, ...params: unknown[]) => Promise<T>;
};

function e2eDatabaseUrl(): string {
  const url = process.env.PRIVET_E2E_DATABASE_URL;
  if (!url) throw new Error("PRIVET_E2E_DATABASE_URL is not set: run the specs through playwright.config.ts.");
  return url;
}

function withOne(all: TE2eDb["all"]): TE2eDb["one"] {
  return async <T>(sql: string, ...params: unknown[]) => {
    const rows = await all<T>(sql, ...params);
    if (rows.length === 0) throw new Error(`No row for: ${sql}`);
    return rows[0]!;
  };
}

/** Runs `read` with one connection to the e2e server's database, closed afterwards. */
export async function withE2eDb<T>(read: (db: TE2eDb) => Promise<T>): Promise<T> {
  const url = e2eDatabaseUrl();
  if (databaseDialect(url) === "postgresql") {
    const client = new pg.Client({ connectionString: url, options: "-c default_transaction_read_only=on" });
    await client.connect();
    try {
      const all = async <R>(sql: string, ...params: unknown[]) =>
        (await client.query(toDialectSql(sql, "postgresql"), params)).rows as R[];
      return await read({ dialect: "postgresql", all, one: withOne(all) });
    } finally {
      await client.end();
    }
  }
  const file = url.replace(/^file:/, "");
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const all = async <R>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as R[];
    return await read({ dialect: "sqlite", all, one: withOne(all) });
  } finally {
    sqlite.close();
  }
}
