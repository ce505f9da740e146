// Switches the operator's instruments on at start, as configured (README, "Running Privet in
// production"): Prometheus metrics when PRIVET_METRICS_TOKEN or PRIVET_METRICS_PORT is set, traces
// when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is. Each is imported
// only then, so a default install loads neither prom-client nor OpenTelemetry.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { setting } from "@/lib/env";
import { cachedCatalog } from "@/lib/catalog/store";
import { healthMonitor } from "@/lib/health/monitor";
import { recorder } from "@/lib/gateway/recorder";
import { providerQueues } from "@/lib/gateway/provider-queue";
import { singleton } from "@/lib/singleton";
import { logInfo } from "@/lib/log";
import { addObserver, removeObserver, type TObserver } from "@/lib/observability/hooks";

type TSetup = {
  metrics: { registry: Registry; observer: TObserver } | null;
  traces: { observer: TObserver; flush(): Promise<void>; shutdown(): Promise<void> } | null;
  /** The server of PRIVET_METRICS_PORT, when set. */
  metricsServer: http.Server | null;
};

const setup = () =>
  singleton<TSetup>("observability-setup", () => ({ metrics: null, traces: null, metricsServer: null }));

const isKnownModel = (id: string): boolean => cachedCatalog()?.modelById.has(id) ?? false;

export function isMetricsEnabled(): boolean {
  return setting("PRIVET_METRICS_TOKEN") !== undefined || setting("PRIVET_METRICS_PORT") !== undefined;
}

export function isTracingEnabled(): boolean {
  return (
    setting("OTEL_EXPORTER_OTLP_ENDPOINT") !== undefined || setting("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") !== undefined
  );
}

/** The metrics registry, or null while metrics are off. */
export function metricsRegistry(): Registry | null {
  return setup().metrics?.registry ?? null;
}

/**
 * Starts what the configuration asks for. `serveMetrics` answers a request on the metrics port
 * (lib/observability/endpoints.ts); it is passed in so this module needs no HTTP routing of its own.
 */
export async function startObservability(options: { host: string; serveMetrics: http.RequestListener }): Promise<void> {
  const s = setup();
  if (isMetricsEnabled() && !s.metrics) {
    const { createMetrics } = await import("@/lib/observability/metrics");
    s.metrics = createMetrics({
      perAccount: setting("PRIVET_METRICS_PER_ACCOUNT"),
      pendingRecords: () => recorder().pendingCount(),
      isKnownModel,
      breakers: () =>
        [...healthMonitor().snapshot()].map(([endpointId, health]) => ({
          model: endpointId.slice(0, endpointId.lastIndexOf("@")),
          provider: endpointId.slice(endpointId.lastIndexOf("@") + 1),
          state: health.breaker,
        })),
      providerQueues,
    });
    addObserver(s.metrics.observer);
    const port = setting("PRIVET_METRICS_PORT");
    if (port !== undefined) {
      const server = http.createServer(options.serveMetrics);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, options.host, () => resolve());
      });
      s.metricsServer = server;
      logInfo(`metrics on http://${options.host}:${(server.address() as AddressInfo).port}/metrics`);
    } else {
      logInfo("metrics on /metrics (bearer token)");
    }
  }
  if (isTracingEnabled() && !s.traces) {
    const { createTraces } = await import("@/lib/observability/traces");
    s.traces = createTraces({ withAccountId: setting("PRIVET_TRACES_ACCOUNT_ID"), isKnownModel });
    addObserver(s.traces.observer);
    logInfo("traces exported over OTLP/HTTP");
  }
}

/** The metrics port's URL, when one is served. */
export function metricsPortUrl(): string | null {
  const address = setup().metricsServer?.address();
  return address && typeof address === "object" ? `http://${address.address}:${address.port}/metrics` : null;
}

/** Sends the spans still waiting in the batch (tests; shutdown does it too). */
export async function flushTraces(): Promise<void> {
  await setup().traces?.flush();
}

/** Exports what is pending and switches every instrument off (shutdown, the end of a test). */
export async function stopObservability(): Promise<void> {
  const s = setup();
  if (s.traces) {
    removeObserver(s.traces.observer);
    await s.traces.shutdown();
    s.traces = null;
  }
  if (s.metrics) {
    removeObserver(s.metrics.observer);
    s.metrics = null;
  }
  const server = s.metricsServer;
  s.metricsServer = null;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
}
