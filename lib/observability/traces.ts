// OpenTelemetry traces (README, "Running Privet in production"), loaded only when
// OTEL_EXPORTER_OTLP_ENDPOINT (or its _TRACES_ variant) is set; the SDK reads the other standard
// OTEL_* variables itself (headers, timeout, sampler, service name, resource attributes).
//
// Spans are built after the fact from the metadata record, when it is handed to the recorder: one
// SERVER span per request (from its arrival for its latency) and one CLIENT span per upstream
// attempt inside it, laid end to end from the attempts' own latencies. So the gateway's hot path
// carries no span objects, no context propagation and no async hooks, and a trace can hold exactly
// what the record holds — which has no field for message content (lib/generations/record.ts).
// Attributes follow OpenTelemetry's GenAI semantic conventions (gen_ai.*) plus Privet's own
// (privet.*). Never message content, not even for an account with prompt logging on: that content
// is stored encrypted for its owner alone, and a trace backend is readable by operators, kept on
// its own retention and outside the account's deletion; the owner's opt-in is to Privet keeping it,
// not to its being copied there. Never keys; the account id only when the operator opts in
// (PRIVET_TRACES_ACCOUNT_ID=1).
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { dataPolicyTokens } from "@/lib/policy";
import type { TGenerationRecord } from "@/lib/generations/record";
import type { TObserver } from "@/lib/observability/hooks";
import {
  codeLabel,
  failureReason,
  modelLabel,
  operationOf,
  outcomeOf,
  providerLabel,
  routeOf,
} from "@/lib/observability/outcome";

export type TTracesOptions = { withAccountId: boolean; isKnownModel: (id: string) => boolean };

/** Spans a record becomes: the request's, then one per attempt (pure; exported for its test). */
export type TSpanPlan = {
  name: string;
  kind: SpanKind;
  start: number;
  end: number;
  attributes: Attributes;
  isError: boolean;
};

/** A finish reason as the provider sent it, kept only when it is a short identifier (it is not Privet's word). */
const finishReasons = (reason: string | null): Attributes =>
  reason === null ? {} : { "gen_ai.response.finish_reasons": [codeLabel(reason)] };

export function spansOf(r: TGenerationRecord, options: TTracesOptions): { request: TSpanPlan; attempts: TSpanPlan[] } {
  const model = modelLabel(r, options.isKnownModel);
  const outcome = outcomeOf(r);
  const start = r.createdAt.getTime();
  const end = start + (r.latencyMs ?? 0);
  const isServed = r.status === "success";
  const name = `${operationOf(r)} ${model}`;
  const usage: Attributes = isServed
    ? { "gen_ai.usage.input_tokens": r.promptTokens, "gen_ai.usage.output_tokens": r.completionTokens }
    : {};
  const policy = r.dataPolicy ? dataPolicyTokens(r.dataPolicy) : null;

  const request: TSpanPlan = {
    name,
    kind: SpanKind.SERVER,
    start,
    end,
    isError: r.status === "error" && r.httpStatus >= 500,
    attributes: {
      "gen_ai.operation.name": operationOf(r),
      "gen_ai.request.model": model,
      "gen_ai.response.id": r.id,
      ...(r.providerSlug !== null
        ? { "gen_ai.provider.name": providerLabel(r.providerSlug), "gen_ai.response.model": model }
        : {}),
      ...usage,
      ...finishReasons(r.finishReason),
      ...(r.origin === "api" ? { "http.request.method": "POST", "http.route": routeOf(r) } : {}),
      "http.response.status_code": r.httpStatus,
      ...(r.status !== "success" ? { "error.type": codeLabel(r.errorCode) } : {}),
      "privet.outcome": outcome,
      "privet.origin": r.origin,
      "privet.streamed": r.streamed,
      "privet.cancelled": r.cancelled,
      "privet.attempts": r.attempts.length,
      "privet.cost_usd": r.cost,
      "privet.content_stored": r.contentStored,
      ...(r.firstTokenMs !== null && isServed ? { "privet.time_to_first_token_ms": r.firstTokenMs } : {}),
      ...(policy
        ? {
            "privet.data_policy.training": policy.training,
            "privet.data_policy.retention": policy.retention,
            "privet.data_policy.zdr": policy.zdr,
            "privet.data_policy.publish": policy.publish,
          }
        : {}),
      ...(options.withAccountId ? { "privet.account.id": r.userId } : {}),
    },
  };

  // The attempts ran one after another and end with the request (a stream's last attempt lasts
  // until the stream ends); what came before them was validation and routing.
  const total = r.attempts.reduce((sum, a) => sum + a.latency_ms, 0);
  let at = Math.max(start, end - total);
  const attempts = r.attempts.map((attempt, index): TSpanPlan => {
    const reason = failureReason(attempt);
    const isServingAttempt = reason === null && isServed && attempt.provider === r.providerSlug;
    const plan: TSpanPlan = {
      name,
      kind: SpanKind.CLIENT,
      start: at,
      end: Math.min(end, at + attempt.latency_ms),
      isError: reason !== null,
      attributes: {
        "gen_ai.operation.name": operationOf(r),
        "gen_ai.request.model": model,
        "gen_ai.provider.name": providerLabel(attempt.provider),
        "privet.attempt.index": index,
        ...(attempt.status > 0 ? { "http.response.status_code": attempt.status } : {}),
        ...(reason !== null ? { "error.type": reason } : {}),
        ...(isServingAttempt && r.upstreamModel !== null ? { "gen_ai.response.model": r.upstreamModel } : {}),
        ...(isServingAttempt ? usage : {}),
      },
    };
    at = plan.end;
    return plan;
  });
  return { request, attempts };
}

/** The tracer: an OTLP/HTTP (JSON) exporter behind a batching processor. */
export function createTraces(options: TTracesOptions): {
  observer: TObserver;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
} {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: "privet" }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  const tracer = provider.getTracer("privet");

  function record(r: TGenerationRecord): void {
    const plan = spansOf(r, options);
    const parent = tracer.startSpan(plan.request.name, {
      kind: plan.request.kind,
      startTime: plan.request.start,
      attributes: plan.request.attributes,
    });
    if (plan.request.isError) parent.setStatus({ code: SpanStatusCode.ERROR });
    const context = trace.setSpan(ROOT_CONTEXT, parent);
    for (const a of plan.attempts) {
      const span = tracer.startSpan(a.name, { kind: a.kind, startTime: a.start, attributes: a.attributes }, context);
      if (a.isError) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end(a.end);
    }
    parent.end(plan.request.end);
  }

  return { observer: { record }, flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}
