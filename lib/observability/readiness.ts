// Readiness (GET /readyz): may a load balancer send this instance requests? Each check is named;
// the answer says which failed and nothing else (no error text, no counts, no versions).
import fs from "node:fs";
import { db, dialect, rawQuery } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { cachedCatalog, getCatalog } from "@/lib/catalog/store";
import { recorder } from "@/lib/gateway/recorder";
import { sqliteFile } from "@/lib/gateway/sqlite-writer";
import { migrationNames } from "@/lib/server/migrate";
import { postgresMigrationNames } from "@/lib/server/migrate-postgres";
import { observability } from "@/lib/observability/hooks";

export const READINESS_CHECKS = ["draining", "database", "migrations", "catalog", "metadata_writer"] as const;
export type TReadinessCheck = (typeof READINESS_CHECKS)[number];

/** A probe slower than this counts as failed: a load balancer's own timeout is usually a few seconds. */
const PROBE_TIMEOUT_MS = 2_000;
/** Ten full batches waiting, or three failed writes in a row: the writer is not keeping up. */
const MAX_PENDING_RECORDS = 5_000;
const MAX_WRITE_FAILURES = 3;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The migrations this build ships, read once (they change only with a new build). */
const expectedMigrations = new Map<string, string[]>();
function shippedMigrations(root: string): string[] {
  const key = `${dialect()}:${root}`;
  let names = expectedMigrations.get(key);
  if (!names) {
    names = dialect() === "postgresql" ? postgresMigrationNames(root) : migrationNames(root);
    expectedMigrations.set(key, names);
  }
  return names;
}

/** database: reachable (and, on SQLite, its file still there); migrations: every shipped one applied. */
async function databaseChecks(root: string): Promise<TReadinessCheck[]> {
  const file = sqliteFile(databaseUrl());
  if (file !== null && !fs.existsSync(file)) return ["database"];
  let applied: Set<string>;
  try {
    const rows = await withTimeout(
      rawQuery<{ migration_name: string }[]>(
        db,
        `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
      ),
      PROBE_TIMEOUT_MS,
    );
    applied = new Set(rows.map((row) => row.migration_name));
  } catch {
    return ["database"];
  }
  return shippedMigrations(root).every((name) => applied.has(name)) ? [] : ["migrations"];
}

async function isCatalogLoaded(): Promise<boolean> {
  try {
    const catalog = cachedCatalog() ?? (await withTimeout(getCatalog(), PROBE_TIMEOUT_MS));
    return catalog.models.length > 0;
  } catch {
    return false;
  }
}

function isWriterKeepingUp(): boolean {
  const writer = recorder();
  return writer.pendingCount() < MAX_PENDING_RECORDS && writer.consecutiveFailures() < MAX_WRITE_FAILURES;
}

/** The checks that fail right now, in READINESS_CHECKS order; empty when ready. */
export async function failingReadinessChecks(root: string = process.cwd()): Promise<TReadinessCheck[]> {
  const [database, isCatalogOk] = await Promise.all([databaseChecks(root), isCatalogLoaded()]);
  const failing = new Set<TReadinessCheck>(database);
  if (observability().isDraining) failing.add("draining");
  if (!isCatalogOk) failing.add("catalog");
  if (!isWriterKeepingUp()) failing.add("metadata_writer");
  return READINESS_CHECKS.filter((check) => failing.has(check));
}
