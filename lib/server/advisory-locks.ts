// PostgreSQL advisory lock keys, one per job that must not run on two instances at once.
// Fixed 64-bit numbers (as strings for pg); "privet" in ASCII in the high bytes keeps them apart
// from any other application's locks on a shared server.
import pg from "pg";
import { databaseDialect, databaseUrl } from "@/lib/env";

export const ADVISORY_LOCKS = {
  migrate: "123666946762100001",
  catalogLoad: "123666946762100002",
  purge: "123666946762100003",
  anonymousSamples: "123666946762100004",
} as const;

export type TAdvisoryLockKey = (typeof ADVISORY_LOCKS)[keyof typeof ADVISORY_LOCKS];

export type TLockedRun<T> = { hasRun: true; value: T } | { hasRun: false };

export type TLockOptions = {
  /** Wait for the instance holding the lock to finish (true) or skip this run (false). */
  shouldWait: boolean;
  /** Called once when the lock is taken elsewhere and this call is about to wait for it. */
  onWait?: () => void;
  url?: string;
};

/**
 * Runs `run` while this process holds the advisory lock `key`, on a connection of its own held for
 * the whole run: the lock is the session's, so it ends with the connection even if the process
 * dies mid-run. Another holder means: skip (`{ hasRun: false }`) or wait, as asked. SQLite has no such
 * lock and one instance, whose scheduled jobs run in one process (worker 0 with PRIVET_WORKERS):
 * `run` simply runs.
 */
export async function withAdvisoryLock<T>(
  key: TAdvisoryLockKey,
  run: () => Promise<T>,
  options: TLockOptions,
): Promise<TLockedRun<T>> {
  const url = options.url ?? databaseUrl();
  if (databaseDialect(url) !== "postgresql") return { hasRun: true, value: await run() };
  const client = new pg.Client({ connectionString: url });
  // A dropped connection surfaces through the queries below; an unhandled 'error' would end the process.
  client.on("error", () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [key]);
    if (!rows[0]?.locked) {
      if (!options.shouldWait) return { hasRun: false };
      options.onWait?.();
      await client.query("SELECT pg_advisory_lock($1)", [key]);
    }
    try {
      return { hasRun: true, value: await run() };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
