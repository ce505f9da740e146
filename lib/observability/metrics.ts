// Prometheus metrics (GET /metrics, README "Running Privet in production"), fed by the hooks in
// lib/observability/hooks.ts. Every label value comes from Privet's own vocabulary (outcome.ts):
// catalog model ids and provider slugs, status codes, outcome and failure names. A model id the
// catalog does not know becomes "unknown", so a client cannot add series. The account id is a label
// only when the operator asks for it (PRIVET_METRICS_PER_ACCOUNT=1). Loaded only when metrics are on.
import cluster from "node:cluster";
import client from "prom-client";
import type { TGenerationRecord } from "@/lib/generations/record";
import type { TObserver } from "@/lib/observability/hooks";
import { PROVIDER_BUSY } from "@/lib/gateway/provider-queue";
import { failureReason, modelLabel, outcomeOf, providerLabel, routeOf, statusLabel } from "@/lib/observability/outcome";

export type TMetricsOptions = {
  perAccount: boolean;
  /** Records waiting for the metadata writer, read at each scrape. */
  pendingRecords: () => number;
  isKnownModel: (id: string) => boolean;
  /** Each measured endpoint's circuit breaker (catalog model id and provider slug), read at each scrape. */
  breakers: () => { model: string; provider: string; state: "closed" | "open" | "half_open" }[];
  /** Each provider's upstream requests in flight and waiting for a slot (catalog slugs), read at each scrape. */
  providerQueues: () => { provider: string; running: number; waiting: number }[];
};

/** The circuit breaker gauge's values. */
const BREAKER_VALUES = { closed: 0, half_open: 1, open: 2 } as const;

const SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const FIRST_TOKEN_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
const WRITE_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];
const BATCH_SIZES = [1, 2, 5, 10, 20, 50, 100, 200, 500];
const QUEUE_SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** How a wait for a provider slot ended, as the wait histogram's `result`. */
const QUEUE_RESULTS = { slot: "served", busy: "timeout", aborted: "cancelled" } as const;

export function createMetrics(options: TMetricsOptions): { registry: client.Registry; observer: TObserver } {
  const registry = new client.Registry();
  const registers = [registry];
  const account: string[] = options.perAccount ? ["account"] : [];
  client.collectDefaultMetrics({ register: registry });
  // A worker (PRIVET_WORKERS) answers the primary's collection from this registry; constructing an
  // AggregatorRegistry is what makes prom-client listen for the primary's requests.
  if (cluster.isWorker) {
    client.AggregatorRegistry.setRegistries([registry]);
    new client.AggregatorRegistry();
  }

  const requests = new client.Counter({
    name: "privet_requests_total",
    help: "Chat completion requests by route, model, provider, HTTP status and outcome.",
    labelNames: ["route", "model", "provider", "status", "outcome", ...account],
    registers,
  });
  const duration = new client.Histogram({
    name: "privet_request_duration_seconds",
    help: "Time from a request's arrival to its last byte.",
    labelNames: ["route", "model", "provider", "outcome"],
    buckets: SECONDS,
    registers,
  });
  const firstToken = new client.Histogram({
    name: "privet_time_to_first_token_seconds",
    help: "Streamed answers: time from the request's arrival to its first chunk.",
    labelNames: ["model", "provider"],
    buckets: FIRST_TOKEN_SECONDS,
    registers,
  });
  const attempts = new client.Counter({
    name: "privet_upstream_attempts_total",
    help: "Upstream attempts by provider and result (ok or failed).",
    labelNames: ["provider", "result"],
    registers,
  });
  const failures = new client.Counter({
    name: "privet_upstream_failures_total",
    help: "Failed upstream attempts by provider, reason and status.",
    labelNames: ["provider", "reason", "status"],
    registers,
  });
  const attemptDuration = new client.Histogram({
    name: "privet_upstream_attempt_duration_seconds",
    help: "Time an upstream attempt took (a served stream: until it ended).",
    labelNames: ["provider"],
    buckets: SECONDS,
    registers,
  });
  const tokens = new client.Counter({
    name: "privet_tokens_total",
    help: "Tokens of answered requests by model, provider and type (prompt, completion).",
    labelNames: ["model", "provider", "type", ...account],
    registers,
  });
  const cost = new client.Counter({
    name: "privet_cost_usd_total",
    help: "What answered requests cost, in US dollars, by model and provider.",
    labelNames: ["model", "provider", ...account],
    registers,
  });
  const openStreams = new client.Gauge({
    name: "privet_open_streams",
    help: "Streamed answers being sent right now.",
    registers,
  });
  new client.Gauge({
    name: "privet_metadata_queue_depth",
    help: "Metadata records waiting to be written.",
    registers,
    collect() {
      this.set(options.pendingRecords());
    },
  });
  new client.Gauge({
    name: "privet_endpoint_circuit_breaker_state",
    help: "Each measured endpoint's circuit breaker: 0 closed, 1 half-open (a probe may go), 2 open (skipped).",
    labelNames: ["model", "provider"],
    registers,
    collect() {
      // Set afresh each scrape: the endpoint list is the catalog's, the states the health monitor's.
      this.reset();
      for (const { model, provider, state } of options.breakers()) this.set({ model, provider }, BREAKER_VALUES[state]);
    },
  });
  new client.Gauge({
    name: "privet_provider_requests_in_flight",
    help: "Upstream requests in flight to each provider (PRIVET_MAX_CONCURRENT_PER_PROVIDER caps them).",
    labelNames: ["provider"],
    registers,
    collect() {
      this.reset();
      for (const { provider, running } of options.providerQueues())
        this.set({ provider: providerLabel(provider) }, running);
    },
  });
  new client.Gauge({
    name: "privet_provider_queue_length",
    help: "Requests waiting for a slot at each provider at its limit.",
    labelNames: ["provider"],
    registers,
    collect() {
      this.reset();
      for (const { provider, waiting } of options.providerQueues())
        this.set({ provider: providerLabel(provider) }, waiting);
    },
  });
  const queueWait = new client.Histogram({
    name: "privet_provider_queue_wait_seconds",
    help: "Requests that waited for a slot at a provider: how long, by provider and result (served, timeout, cancelled).",
    labelNames: ["provider", "result"],
    buckets: QUEUE_SECONDS,
    registers,
  });
  const batchSize = new client.Histogram({
    name: "privet_metadata_batch_size",
    help: "Records per metadata write.",
    buckets: BATCH_SIZES,
    registers,
  });
  const writeDuration = new client.Histogram({
    name: "privet_metadata_write_duration_seconds",
    help: "Time one metadata batch write took, by result (written or failed).",
    labelNames: ["result"],
    buckets: WRITE_SECONDS,
    registers,
  });
  const dropped = new client.Counter({
    name: "privet_metadata_records_dropped_total",
    help: "Metadata records dropped because they can never be written.",
    registers,
  });
  const rateLimited = new client.Counter({
    name: "privet_rate_limited_total",
    help: "Requests refused by the per-key rate limit, by route.",
    labelNames: ["route"],
    registers,
  });

  function record(r: TGenerationRecord): void {
    const outcome = outcomeOf(r);
    const model = modelLabel(r, options.isKnownModel);
    const provider = providerLabel(r.providerSlug);
    const route = routeOf(r);
    const perAccount = options.perAccount ? { account: r.userId } : {};
    requests.inc({ route, model, provider, status: statusLabel(r.httpStatus), outcome, ...perAccount });
    if (r.latencyMs !== null) duration.observe({ route, model, provider, outcome }, r.latencyMs / 1000);
    if (r.streamed && r.firstTokenMs !== null && r.providerSlug !== null)
      firstToken.observe({ model, provider }, r.firstTokenMs / 1000);
    for (const attempt of r.attempts) {
      // Never sent: its provider stayed at its limit (privet_provider_queue_wait_seconds counts it).
      if (attempt.error === PROVIDER_BUSY) continue;
      const attemptProvider = providerLabel(attempt.provider);
      const reason = failureReason(attempt);
      attempts.inc({ provider: attemptProvider, result: reason === null ? "ok" : "failed" });
      if (reason !== null) failures.inc({ provider: attemptProvider, reason, status: statusLabel(attempt.status) });
      attemptDuration.observe({ provider: attemptProvider }, attempt.latency_ms / 1000);
    }
    if (r.providerSlug !== null) {
      if (r.promptTokens > 0) tokens.inc({ model, provider, type: "prompt", ...perAccount }, r.promptTokens);
      if (r.completionTokens > 0)
        tokens.inc({ model, provider, type: "completion", ...perAccount }, r.completionTokens);
      if (r.cost > 0) cost.inc({ model, provider, ...perAccount }, r.cost);
    }
  }

  return {
    registry,
    observer: {
      record,
      streams: (change) => openStreams.inc(change),
      metadataWrite(records, seconds, isWritten) {
        batchSize.observe(records);
        writeDuration.observe({ result: isWritten ? "written" : "failed" }, seconds);
      },
      metadataDropped: (records) => dropped.inc(records),
      rateLimited: (route) => rateLimited.inc({ route }),
      queueWait: (provider, seconds, result) =>
        queueWait.observe({ provider: providerLabel(provider), result: QUEUE_RESULTS[result] }, seconds),
    },
  };
}
