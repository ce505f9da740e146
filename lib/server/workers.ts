// PRIVET_WORKERS > 1: the process `npm start` runs becomes the primary of a node:cluster and serves
// nothing itself. It starts worker 0 first (it migrates, loads the catalog, builds when needed and
// runs the single-runner jobs), the others once worker 0 listens; they share the port (the primary
// hands each new connection to the next worker in turn). It keeps the rate-limit counts for workers
// that have no shared store (SQLite without Redis), sums the workers' metrics for /metrics, starts
// a worker again when one dies, and on SIGTERM or SIGINT passes the signal on and exits once every
// worker has drained and stopped.
import cluster, { type Worker } from "node:cluster";
import { serveClusterRateLimits } from "@/lib/ratelimit/cluster-store";
import { logError, logInfo } from "@/lib/log";
import { setting } from "@/lib/env";

/** A worker that dies is started again after this long (not at once: a crash loop would spin). */
const RESTART_DELAY_MS = 1_000;

export async function runPrimary(count: number): Promise<void> {
  const serveRateLimits = serveClusterRateLimits();
  // With metrics on, any worker's /metrics answers for all of them, summed here.
  const isMetricsOn = setting("PRIVET_METRICS_TOKEN") !== undefined || setting("PRIVET_METRICS_PORT") !== undefined;
  const serveMetrics = isMetricsOn
    ? await (await import("@/lib/observability/cluster-metrics")).serveClusterMetrics()
    : null;
  const byIndex = new Map<number, Worker>();
  const hasListened = new Set<number>();
  let isStopping = false;

  return new Promise<void>((resolve) => {
    const start = (index: number): void => {
      const worker = cluster.fork({ PRIVET_WORKER_INDEX: String(index) });
      byIndex.set(index, worker);
      serveRateLimits(worker);
      serveMetrics?.(worker);
      worker.once("listening", () => {
        const isFirstStart = !hasListened.has(index);
        hasListened.add(index);
        if (index === 0 && isFirstStart) for (let i = 1; i < count; i++) start(i);
      });
      worker.once("exit", (code, signal) => {
        byIndex.delete(index);
        if (isStopping) {
          if (byIndex.size === 0) resolve();
          return;
        }
        if (!hasListened.has(index)) {
          // It never served: a start-up failure (configuration, migrations) that a restart repeats.
          logError(`worker ${index} could not start (exit ${code ?? signal}); stopping`);
          stop("SIGTERM");
          process.exitCode = 1;
          return;
        }
        logError(`worker ${index} stopped (exit ${code ?? signal}); starting it again`);
        setTimeout(() => (isStopping ? undefined : start(index)), RESTART_DELAY_MS);
      });
    };

    const stop = (signal: NodeJS.Signals): void => {
      if (isStopping) return;
      isStopping = true;
      logInfo(`${signal}: stopping ${byIndex.size} worker(s)…`);
      if (byIndex.size === 0) resolve();
      for (const worker of byIndex.values()) worker.process.kill(signal);
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));

    logInfo(`starting ${count} workers`);
    start(0);
  });
}
