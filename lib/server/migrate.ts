// Applies committed migrations: on SQLite with Prisma's engine-free CLI (scripts/prisma.mjs), on
// PostgreSQL with Privet's own migrator (lib/server/migrate-postgres.ts).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { databaseDialect, databaseUrl } from "@/lib/env";
import { applyPostgresMigrations } from "@/lib/server/migrate-postgres";

export async function applyMigrations(root: string): Promise<{ ok: true } | { ok: false; output: string }> {
  const url = databaseUrl();
  if (databaseDialect(url) === "postgresql") {
    const result = await applyPostgresMigrations(root, url);
    return result.ok ? { ok: true } : result;
  }
  // Prisma's migration engine cannot open a database another process holds open (it fails with
  // "SocketTimeout"), so the CLI could not run beside a running server. When nothing is pending
  // there is nothing to apply: skip the engine.
  if (!hasPendingMigrations(root, process.env.DATABASE_URL)) return { ok: true };
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "prisma.mjs"), "migrate", "deploy"], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
  });
  return result.status === 0 ? { ok: true } : { ok: false, output: `${result.stdout}${result.stderr}` };
}

export function migrationNames(root: string): string[] {
  const dir = path.join(root, "prisma", "migrations");
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((d) => /^\d{14}_/.test(d))
        .sort()
    : [];
}

/** Whether some migration in prisma/migrations is not applied to the SQLite file (true when unsure). */
export function hasPendingMigrations(root: string, databaseUrl: string | undefined): boolean {
  const file = databaseUrl?.startsWith("file:") ? databaseUrl.slice("file:".length) : null;
  if (!file || !fs.existsSync(file)) return true;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db
      .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .all() as { migration_name: string }[];
    const applied = new Set(rows.map((row) => row.migration_name));
    return migrationNames(root).some((name) => !applied.has(name));
  } catch {
    return true;
  } finally {
    db?.close();
  }
}
