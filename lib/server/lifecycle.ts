// Background jobs and orderly shutdown for the server process.
import { db } from "@/lib/db";
import { recorder } from "@/lib/gateway/recorder";
import { startPurgeTimer, stopPurgeTimer } from "@/lib/privacy/purge";
import { closeRateLimitStore } from "@/lib/ratelimit/limits";
import { logError } from "@/lib/log";

type TStopHook = () => Promise<void>;
const stopHooks: TStopHook[] = [];

export function onShutdown(hook: TStopHook): void {
  stopHooks.push(hook);
}

export function startBackgroundJobs(): void {
  // Filled by the capabilities that need periodic work (metadata flushing, purging).
  // With several instances on PostgreSQL only one purges at a time (an advisory lock; the others
  // skip that run). Metadata batching stays per instance: each recorder writes its own records.
  startPurgeTimer();
  onShutdown(stopPurgeTimer);
  onShutdown(closeRateLimitStore);
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
  await db.$disconnect();
}
