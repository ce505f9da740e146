// After a deletion, the deleted bytes should not outlive it in the database's own files.
// SQLite: every connection runs with `secure_delete` on (lib/db.ts), so a deleted row is zeroed in
// its page; but the WAL still holds the page images from before, until a checkpoint copies the
// current pages back and a TRUNCATE empties it — done here. PostgreSQL: a deleted row stays in its
// page as a dead tuple until VACUUM reclaims it; done here for the tables a purge or an account
// deletion touched (its WAL, archives and replicas are the operator's: README, "What deleting erases").
// Logged content is also covered where no file can be cleaned (backups, replicas): its content key
// is deleted with it (lib/content/keys.ts). Failures are logged, never fatal: the deletion itself
// has happened, and the next one checkpoints again.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { sqliteFile } from "@/lib/gateway/sqlite-writer";
import { logError } from "@/lib/log";

/** The tables an account's data lives in (an account deletion vacuums them all). */
export const ACCOUNT_TABLES = [
  "User",
  "ApiKey",
  "ContentKey",
  "Generation",
  "GenerationContent",
  "CategorySample",
  "ActivityRollup",
] as const;
/** The tables the purge deletes from. */
export const PURGE_TABLES = [
  "GenerationContent",
  "Generation",
  "CategorySample",
  "AnonymousSample",
  "ActivityRollup",
] as const;

const CHECKPOINT_TRIES = 40;
const CHECKPOINT_PAUSE_MS = 50;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Copies the WAL into the database file and truncates it to nothing. Through a connection of its
 * own with no busy timeout: waiting inside SQLite would block the event loop that the metadata
 * writer needs to finish the transaction being waited for, so a busy checkpoint pauses and retries.
 */
async function checkpointWal(file: string): Promise<void> {
  const conn = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    conn.pragma("secure_delete = ON");
    for (let attempt = 1; ; attempt++) {
      let isBusy: boolean;
      try {
        const [row] = conn.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
        isBusy = row?.busy !== 0;
      } catch (error) {
        if ((error as { code?: unknown }).code !== "SQLITE_BUSY") throw error;
        isBusy = true;
      }
      if (!isBusy) return;
      if (attempt >= CHECKPOINT_TRIES) {
        logError(
          "the WAL checkpoint after a deletion found the database busy; the next deletion or purge checkpoints again",
        );
        return;
      }
      await pause(CHECKPOINT_PAUSE_MS);
    }
  } finally {
    conn.close();
  }
}

async function vacuum(url: string, tables: readonly string[]): Promise<void> {
  // VACUUM cannot run inside a transaction, nor through the extended protocol's implicit one: a
  // client of its own sends it as a simple query.
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query(`VACUUM ${tables.map((t) => `"${t}"`).join(", ")}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Call after deleting (outside any transaction). SQLite: checkpoints and truncates the WAL.
 * PostgreSQL: VACUUMs `tables` when `shouldVacuum` (a purge, an account deletion; smaller deletions
 * leave it to autovacuum).
 */
export async function eraseDeleted(tables: readonly string[], options: { shouldVacuum: boolean }): Promise<void> {
  const url = databaseUrl();
  try {
    const file = sqliteFile(url);
    if (file) await checkpointWal(file);
    else if (options.shouldVacuum) await vacuum(url, tables);
  } catch (error) {
    logError(sqliteFile(url) ? "the WAL checkpoint after a deletion failed" : "VACUUM after a deletion failed", error);
  }
}
