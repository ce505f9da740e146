import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BREAKER } from "@/lib/health/breaker";
import { HEALTH_WINDOW_MS, HealthMonitor, RECENT_FAILURE_MS } from "@/lib/health/monitor";

function monitorAt(start: number) {
  let now = start;
  const monitor = new HealthMonitor();
  monitor.setClock(() => now);
  return { monitor, advance: (ms: number) => (now += ms) };
}

describe("the health monitor", () => {
  it("knows nothing of an endpoint it has not seen", () => {
    expect(new HealthMonitor().snapshot().size).toBe(0);
  });

  it("holds every endpoint measured here or by another instance, once, and nothing else", () => {
    const { monitor } = monitorAt(1_000_000);
    monitor.recordSuccess("m@a", 100);
    monitor.recordFailure("m@b");
    const remote = {
      attempts: 4,
      failures: 0,
      latencyMs: 300,
      throughput: null,
      consecutiveFailures: 0,
      lastFailureAt: null,
      openUntil: null,
    };
    monitor.setRemote([
      { endpointId: "m@b", ...remote },
      { endpointId: "m@c", ...remote },
    ]);
    const snapshot = monitor.snapshot();
    expect(snapshot.size).toBe(3);
    expect([...snapshot.keys()]).toEqual(["m@a", "m@b", "m@c"]);
    expect([...snapshot].map(([id, health]) => [id, health.latencyMs])).toEqual([
      ["m@a", 100],
      ["m@b", 300],
      ["m@c", 300],
    ]);
    expect(snapshot.has("m@c")).toBe(true);
    expect(snapshot.get("m@d")).toBeUndefined();
    expect(snapshot.has("m@d")).toBe(false);
  });

  it("reports median latency and throughput and the error rate of the recent window", () => {
    const { monitor, advance } = monitorAt(0);
    for (const ms of [100, 300, 200]) monitor.recordSuccess("m@a", ms);
    monitor.recordThroughput("m@a", 50);
    monitor.recordThroughput("m@a", 70);
    monitor.recordFailure("m@a");
    expect(monitor.snapshot().get("m@a")).toMatchObject({
      latencyMs: 200,
      throughputTokensPerSecond: 60,
      errorRate: 0.25,
      breaker: "closed",
      tier: "degraded",
    });
    // Measurements age out of the window.
    advance(HEALTH_WINDOW_MS + 1);
    expect(monitor.snapshot().get("m@a")).toMatchObject({ latencyMs: null, errorRate: null, tier: "healthy" });
  });

  it("a failure makes an endpoint degraded for a while; an open breaker makes it down until its cooldown ends", () => {
    const { monitor, advance } = monitorAt(0);
    monitor.recordFailure("m@a");
    expect(monitor.snapshot().get("m@a")?.tier).toBe("degraded");
    advance(RECENT_FAILURE_MS);
    expect(monitor.snapshot().get("m@a")?.tier).toBe("healthy");
    monitor.recordFailure("m@a");
    monitor.recordFailure("m@a");
    expect(monitor.snapshot().get("m@a")).toMatchObject({ tier: "down", breaker: "open", consecutiveFailures: 3 });
    advance(BREAKER.baseCooldownMs);
    // Half-open: back in its place for one probe, down again while the probe is out.
    expect(monitor.snapshot().get("m@a")).toMatchObject({ tier: "healthy", breaker: "half_open", retryAt: null });
    expect(monitor.startAttempt("m@a")).toBe(true);
    expect(monitor.snapshot().get("m@a")?.tier).toBe("down");
    expect(monitor.startAttempt("m@a")).toBe(false);
    monitor.recordSuccess("m@a", 100);
    expect(monitor.snapshot().get("m@a")).toMatchObject({ tier: "healthy", breaker: "closed", consecutiveFailures: 0 });
  });

  it("reads the median, the error rate and their counts of exactly the last 50 measurements in the window, whatever their order", () => {
    const naiveMedian = (values: number[]) => {
      if (values.length === 0) return null;
      const sorted = [...values].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const event = fc.record({
      gapMs: fc.integer({ min: 0, max: HEALTH_WINDOW_MS / 4 }),
      kind: fc.constantFrom("success", "failure", "throughput"),
      value: fc.integer({ min: 0, max: 5_000 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 160 }), (events) => {
        const { monitor, advance } = monitorAt(1_000_000);
        let now = 1_000_000;
        const latencies: { at: number; value: number }[] = [];
        const throughputs: { at: number; value: number }[] = [];
        const outcomes: { at: number; ok: boolean }[] = [];
        for (const { gapMs, kind, value } of events) {
          now = advance(gapMs);
          if (kind === "success") {
            monitor.recordSuccess("m@a", value);
            latencies.push({ at: now, value });
            outcomes.push({ at: now, ok: true });
          } else if (kind === "failure") {
            monitor.recordFailure("m@a");
            outcomes.push({ at: now, ok: false });
          } else {
            monitor.recordThroughput("m@a", value + 1);
            throughputs.push({ at: now, value: value + 1 });
          }
        }
        const recent = <T extends { at: number }>(list: T[]) =>
          list.slice(-50).filter((item) => now - item.at <= HEALTH_WINDOW_MS);
        const health = monitor.snapshot().get("m@a");
        if (events.length === 0) {
          expect(health).toBeUndefined();
          return;
        }
        const kept = recent(outcomes);
        expect(health!.latencyMs).toBe(naiveMedian(recent(latencies).map((s) => s.value)));
        expect(health!.throughputTokensPerSecond).toBe(naiveMedian(recent(throughputs).map((s) => s.value)));
        expect(health!.errorRate).toBe(kept.length === 0 ? null : kept.filter((o) => !o.ok).length / kept.length);
      }),
      { numRuns: 300 },
    );
  });
});
