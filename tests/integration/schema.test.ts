// The two databases must not drift apart. The PostgreSQL schema is derived from the SQLite one
// (scripts/db-schemas.mjs), and each migration history must build exactly the tables its schema
// describes: the history is applied to an empty database, the schema's own from-empty SQL to another,
// and the two are compared column by column and index by index. This run's database decides which
// history is checked (the SQLite pass checks SQLite, the PostgreSQL pass PostgreSQL).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { SCHEMAS, postgresSchemaFrom } from "@/scripts/db-schemas.mjs";
import { createTestDatabase, isPostgresRun, type TTestDatabase } from "@/tests/support/database";

const root = process.cwd();
const made: TTestDatabase[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const database of made) await database.drop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The SQL that builds the schema file `schema` on an empty database, as Prisma computes it. */
function fromEmptySql(schema: string): string {
  const out = spawnSync(
    process.execPath,
    [
      path.join(root, "scripts", "prisma.mjs"),
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      schema,
      "--script",
    ],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (out.status !== 0) throw new Error(out.stderr || out.stdout);
  return out.stdout;
}

async function freshDatabase(): Promise<TTestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-schema-"));
  dirs.push(dir);
  const database = await createTestDatabase(dir);
  made.push(database);
  return database;
}

type TShape = { columns: string[]; indexes: string[] };

function sqliteShape(file: string): TShape {
  const conn = new Database(file, { readonly: true });
  try {
    const tables = (
      conn
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const columns: string[] = [];
    const indexes: string[] = [];
    for (const table of tables) {
      for (const c of conn.prepare(`PRAGMA table_info("${table}")`).all() as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[]) {
        columns.push(
          `${table}.${c.name} ${c.type} ${c.notnull ? "NOT NULL" : "NULL"} default=${c.dflt_value} pk=${c.pk}`,
        );
      }
      for (const i of conn.prepare(`PRAGMA index_list("${table}")`).all() as {
        name: string;
        unique: number;
        origin: string;
      }[]) {
        if (i.origin === "pk") continue;
        const cols = (conn.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name);
        indexes.push(`${table}: ${i.name} (${cols.join(", ")})${i.unique ? " UNIQUE" : ""}`);
      }
      for (const f of conn.prepare(`PRAGMA foreign_key_list("${table}")`).all() as {
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[]) {
        indexes.push(`${table}: FK ${f.from} -> ${f.table}.${f.to} ON DELETE ${f.on_delete}`);
      }
    }
    return { columns: columns.sort(), indexes: indexes.sort() };
  } finally {
    conn.close();
  }
}

async function postgresShape(url: string): Promise<TShape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' default=' || coalesce(column_default, 'null') AS line
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    const indexes = await client.query<{ line: string }>(
      `SELECT tablename || ': ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const constraints = await client.query<{ line: string }>(
      `SELECT conrelid::regclass::text || ': ' || conname || ' ' || pg_get_constraintdef(oid) AS line
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND (SELECT relname FROM pg_class WHERE oid = conrelid) <> '_prisma_migrations'`,
    );
    return {
      columns: columns.rows.map((r) => r.line).sort(),
      indexes: [...indexes.rows, ...constraints.rows].map((r) => r.line).sort(),
    };
  } finally {
    await client.end();
  }
}

describe("the PostgreSQL schema", () => {
  it("is the SQLite schema with only the datasource and the client's folder changed", () => {
    const sqlite = fs.readFileSync(SCHEMAS.sqlite.schema, "utf8");
    expect(
      fs.readFileSync(SCHEMAS.postgresql.schema, "utf8"),
      "prisma/postgresql/schema.prisma is stale: run `node scripts/db-schemas.mjs`",
    ).toBe(postgresSchemaFrom(sqlite));
  });
});

describe(`the ${isPostgresRun() ? "PostgreSQL" : "SQLite"} migration history`, () => {
  it("builds exactly the tables, columns, indexes and keys its schema describes", { timeout: 60_000 }, async () => {
    const history = await freshDatabase();
    process.env.DATABASE_URL = history.url;
    const { applyMigrations } = await import("@/lib/server/migrate");
    const applied = await applyMigrations(root);
    expect(applied).toEqual({ ok: true });

    const expected = await freshDatabase();
    const sql = fromEmptySql(isPostgresRun() ? SCHEMAS.postgresql.schema : SCHEMAS.sqlite.schema);
    if (isPostgresRun()) {
      const client = new pg.Client({ connectionString: expected.url });
      await client.connect();
      await client.query(sql);
      await client.end();
      expect(await postgresShape(history.url)).toEqual(await postgresShape(expected.url));
    } else {
      const file = expected.url.slice("file:".length);
      const conn = new Database(file);
      conn.exec(sql);
      conn.close();
      expect(sqliteShape(history.url.slice("file:".length))).toEqual(sqliteShape(file));
    }
  });
});
