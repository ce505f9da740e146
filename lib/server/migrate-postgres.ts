// Applies prisma/postgresql/migrations to a PostgreSQL database. Prisma 6.19's migration engine
// cannot drive PostgreSQL through the pg driver adapter (ARCHITECTURE.md, "Database"), so this small
// migrator does what `migrate deploy` does: each pending migration in its own transaction, recorded in
// Prisma's own `_prisma_migrations` table (same columns, sha256 checksums) so Prisma's tools read
// the history. Instances that start together take turns through an advisory lock; the second finds
// nothing pending.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ADVISORY_LOCKS } from "@/lib/server/advisory-locks";

export function postgresMigrationsDir(root: string): string {
  return path.join(root, "prisma", "postgresql", "migrations");
}

export function postgresMigrationNames(root: string): string[] {
  const dir = postgresMigrationsDir(root);
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((d) => /^\d{14}_/.test(d))
        .sort()
    : [];
}

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type TMigrationResult = { ok: true; applied: string[] } | { ok: false; output: string };

export async function applyPostgresMigrations(root: string, url: string): Promise<TMigrationResult> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    return {
      ok: false,
      output: `cannot connect to PostgreSQL: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const applied: string[] = [];
  let current: string | null = null;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCKS.migrate]);
    await client.query(HISTORY_TABLE);
    const { rows } = await client.query<{
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(`SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`);
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed)
      return {
        ok: false,
        output: `migration ${failed.migration_name} failed earlier and is marked unfinished; resolve it before starting`,
      };
    const done = new Set(
      rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name),
    );
    for (const name of postgresMigrationNames(root)) {
      if (done.has(name)) continue;
      current = name;
      const sql = fs.readFileSync(path.join(postgresMigrationsDir(root), name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      await client.query("BEGIN");
      await client.query(sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES ($1, $2, now(), $3, 1)`,
        [crypto.randomUUID(), checksum, name],
      );
      await client.query("COMMIT");
      applied.push(name);
    }
    return { ok: true, applied };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const where = current ? `migration ${current}: ` : "";
    return { ok: false, output: `${where}${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
