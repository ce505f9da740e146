// Background jobs and orderly shutdown for the server process.
import { db } from "@/lib/db";
import { recorder } from "@/lib/gateway/recorder";
import { startPurgeTimer, stopPurgeTimer } from "@/lib/privacy/purge";

type TStopHook = () => Promise<void>;
const stopHooks: TStopHook[] = [];

export function onShutdown(hook: TStopHook): void {
  stopHooks.push(hook);
}

export function startBackgroundJobs(): void {
  // Filled by the capabilities that need periodic work (metadata flushing, purging).
  startPurgeTimer();
  onShutdown(stopPurgeTimer);
}

/** Runs every shutdown hook (metadata flush first, in registration order), then closes the database. */
export async function shutdown(): Promise<void> {
  await recorder().flush();
  for (const hook of stopHooks) {
    try {
      await hook();
    } catch (error) {
      console.error(`[privet] shutdown hook failed: ${error instanceof Error ? error.name : "error"}`);
    }
  }
  await db.$disconnect();
}
