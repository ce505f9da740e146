// Where the gateway tells the health monitor how an attempt went (called by pipeline.ts and
// embeddings.ts). What
// counts against an endpoint: no answer, a 5xx, a 429, an auth or not-found status, a connection
// or stream failure. What does not: the client going away, a request the provider refuses as
// invalid (400, 413, 422: the request's fault, not the endpoint's), a request Privet cannot
// express for that API. Only numbers reach the monitor, never content.
import { performance } from "node:perf_hooks";
import type { TAttempt, TGenerationRecord } from "@/lib/generations/record";
import type { TAttemptOutcome } from "@/lib/gateway/attempt";
import { healthMonitor } from "@/lib/health/monitor";

/** Tokens per second of an answer, or null when it is too short to say. */
function speed(tokens: number, ms: number): number | null {
  return tokens > 0 && ms > 0 ? (tokens * 1000) / ms : null;
}

export function observeAttempt(endpointId: string, outcome: TAttemptOutcome, attempt: TAttempt): void {
  const monitor = healthMonitor();
  switch (outcome.kind) {
    case "unsupported":
      monitor.recordNeutral(endpointId);
      return;
    case "failed": {
      const isRequestsFault = outcome.isFinal || outcome.failure.kind === "aborted";
      if (isRequestsFault) monitor.recordNeutral(endpointId);
      else monitor.recordFailure(endpointId);
      return;
    }
    case "completion": {
      // A whole answer: its first byte is its last, so the time to it is the latency.
      monitor.recordSuccess(endpointId, attempt.latency_ms);
      const tps = speed(outcome.completion.usage?.completion_tokens ?? 0, attempt.latency_ms);
      if (tps !== null) monitor.recordThroughput(endpointId, tps);
      return;
    }
    case "stream":
      monitor.recordSuccess(endpointId, performance.now() - outcome.started);
      return;
  }
}

/** A streamed answer has ended: its speed after the first token, or its failure after it began. */
export function observeStreamEnd(endpointId: string, record: TGenerationRecord): void {
  const monitor = healthMonitor();
  if (record.status === "success" && record.latencyMs !== null && record.firstTokenMs !== null) {
    const tps = speed(record.completionTokens, record.latencyMs - record.firstTokenMs);
    if (tps !== null) monitor.recordThroughput(endpointId, tps);
  } else if (record.status === "error" && record.errorCode?.startsWith("stream_")) {
    monitor.recordFailure(endpointId);
  }
}
