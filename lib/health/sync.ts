// Sharing measurements between instances: every HEALTH_SYNC_MS each instance writes a summary of
// its own recent measurements per endpoint to the EndpointHealth table (one row per instance and
// endpoint, replaced each time) and reads the other instances' fresh rows into its monitor, which
// merges them into routing (monitor.ts, snapshot). Rows not refreshed within the measurement window
// are deleted. A failed sync is logged and retried at the next tick: routing then goes on with what
// this instance measured itself. Numbers only: the table never holds content, accounts or keys.
import cluster from "node:cluster";
import { db, dialect } from "@/lib/db";
import { logError } from "@/lib/log";
import { singleton } from "@/lib/singleton";
import { HEALTH_WINDOW_MS, healthMonitor } from "@/lib/health/monitor";

export const HEALTH_SYNC_MS = 5_000;

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

/** One exchange with the database: this instance's summaries out, the others' in. */
export async function syncHealth(): Promise<void> {
  const monitor = healthMonitor();
  const now = monitor.now();
  const updatedAt = new Date(now);
  const mine = monitor.localSummaries();
  await db.$transaction(
    mine.map((s) => {
      const values = {
        updatedAt,
        attempts: s.attempts,
        failures: s.failures,
        latencyMs: s.latencyMs,
        throughput: s.throughput,
        consecutiveFailures: s.consecutiveFailures,
        lastFailureAt: date(s.lastFailureAt),
        openUntil: date(s.openUntil),
      };
      return db.endpointHealth.upsert({
        where: { instanceId_endpointId: { instanceId: monitor.instanceId, endpointId: s.endpointId } },
        create: { instanceId: monitor.instanceId, endpointId: s.endpointId, ...values },
        update: values,
      });
    }),
  );
  const since = new Date(now - HEALTH_WINDOW_MS);
  const rows = await db.endpointHealth.findMany({
    where: { instanceId: { not: monitor.instanceId }, updatedAt: { gte: since } },
  });
  monitor.setRemote(
    rows.map((row) => ({
      endpointId: row.endpointId,
      attempts: row.attempts,
      failures: row.failures,
      latencyMs: row.latencyMs,
      throughput: row.throughput,
      consecutiveFailures: row.consecutiveFailures,
      lastFailureAt: row.lastFailureAt?.getTime() ?? null,
      openUntil: row.openUntil?.getTime() ?? null,
    })),
  );
  // Instances that stopped (or endpoints no longer used) leave nothing behind for long.
  await db.endpointHealth.deleteMany({ where: { updatedAt: { lt: since } } });
}

const timer = () => singleton("health-sync", () => ({ handle: null as NodeJS.Timeout | null }));

/**
 * Starts sharing on PostgreSQL, and between the workers of one instance (PRIVET_WORKERS) on SQLite
 * too; a single SQLite process has nobody to share with.
 */
export function startHealthSync(): void {
  const state = timer();
  if (state.handle || (dialect() !== "postgresql" && !cluster.isWorker)) return;
  state.handle = setInterval(() => {
    syncHealth().catch((error: unknown) => logError("health sync failed", error));
  }, HEALTH_SYNC_MS);
  state.handle.unref();
}

export async function stopHealthSync(): Promise<void> {
  const state = timer();
  if (state.handle) clearInterval(state.handle);
  state.handle = null;
  // The last measurements stay for the others until they age out; nothing to flush.
}
