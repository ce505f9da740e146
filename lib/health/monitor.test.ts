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
});
