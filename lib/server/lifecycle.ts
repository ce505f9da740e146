// Background jobs and orderly shutdown for the server process.
import { db } from "@/lib/db";
import { recorder } from "@/lib/gateway/recorder";
import { startPurgeTimer, stopPurgeTimer } from "@/lib/privacy/purge";
import { closeRateLimitStore } from "@/lib/ratelimit/limits";
import { startHealthSync, stopHealthSync } from "@/lib/health/sync";
import { logError } from "@/lib/log";
import { setting } from "@/lib/env";
import { observability } from "@/lib/observability/hooks";
import { stopObservability } from "@/lib/observability/setup";

type TStopHook = () => Promise<void>;
const stopHooks: TStopHook[] = [];

export function onShutdown(hook: TStopHook): void {
  stopHooks.push(hook);
}

/**
 * `isJobRunner`: false in every worker but the first (PRIVET_WORKERS), so a process's single-runner
 * jobs run once per instance.
 */
export function startBackgroundJobs(options: { isJobRunner: boolean } = { isJobRunner: true }): void {
  // Filled by the capabilities that need periodic work (metadata flushing, purging).
  // With several instances on PostgreSQL only one purges at a time (an advisory lock; the others
  // skip that run). Metadata batching stays per instance: each recorder writes its own records.
  if (options.isJobRunner) {
    startPurgeTimer();
    onShutdown(stopPurgeTimer);
  }
  // Endpoint health: each instance measures its own traffic and shares it through the database.
  startHealthSync();
  onShutdown(stopHealthSync);
  onShutdown(closeRateLimitStore);
}

/**
 * The first step of a shutdown: /readyz answers 503 from now on, and requests are still served for
 * PRIVET_DRAIN_SECONDS, so a load balancer stops sending traffic before the socket closes.
 */
export async function drain(): Promise<void> {
  observability().isDraining = true;
  const seconds = setting("PRIVET_DRAIN_SECONDS");
  if (seconds > 0) await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

/** Runs every shutdown hook (metadata flush first, in registration order), then closes the database. */
export async function shutdown(): Promise<void> {
  await recorder().flush();
  for (const hook of stopHooks) {
    try {
      await hook();
    } catch (error) {
      logError("shutdown hook failed", error);
    }
  }
  // Spans are made when a record is handed over; the last ones leave for the collector here.
  await stopObservability().catch((error: unknown) => logError("stopping metrics and traces failed", error));
  await db.$disconnect();
}
