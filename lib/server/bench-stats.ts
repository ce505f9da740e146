// Benchmarks only (PRIVET_BENCH_STATS_DIR): what a benchmark cannot see from outside the process —
// its event-loop delay — written with its CPU time and RSS to <dir>/<pid>.json twice a second.
// SIGUSR2 starts a new measuring window (the delay histogram and the CPU baseline reset), so a
// benchmark can measure its steady state alone. Nothing here sees a request.
import fs from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

export type TBenchStats = {
  pid: number;
  /** Monotonic clock (µs) when the window started and when this was written. */
  windowStartUs: number;
  writtenUs: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  /** CPU time (user + system) since the window started. */
  cpuUs: number;
  rssBytes: number;
};

const RESOLUTION_MS = 10;
const lateness = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS);
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

export function startBenchStats(dir: string): void {
  // A 10 ms timer: the histogram holds the time between its firings, so the delay is that minus 10 ms.
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let cpu = process.cpuUsage();
  let windowStartUs = nowUs();
  const file = path.join(dir, `${process.pid}.json`);
  const write = (): void => {
    const used = process.cpuUsage(cpu);
    const stats: TBenchStats = {
      pid: process.pid,
      windowStartUs,
      writtenUs: nowUs(),
      loopDelayMs: {
        p50: lateness(delay.percentile(50)),
        p99: lateness(delay.percentile(99)),
        max: lateness(delay.max),
      },
      cpuUs: used.user + used.system,
      rssBytes: process.memoryUsage.rss(),
    };
    // Written whole, then renamed: a reader never sees half a file.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(stats));
    fs.renameSync(`${file}.tmp`, file);
  };
  process.on("SIGUSR2", () => {
    delay.reset();
    cpu = process.cpuUsage();
    windowStartUs = nowUs();
  });
  setInterval(write, 500).unref();
  write();
}
