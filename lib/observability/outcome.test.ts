import { describe, expect, it } from "vitest";
import type { TGenerationRecord } from "@/lib/generations/record";
import { codeLabel, modelLabel, operationOf, outcomeOf, routeOf } from "@/lib/observability/outcome";

type TOutcomeFields = Pick<TGenerationRecord, "status" | "attempts" | "errorCode" | "httpStatus">;
const ok = { provider: "p", status: 200, latency_ms: 5 };
const failed = { provider: "q", status: 500, latency_ms: 5, error: "http" };
const record = (fields: Partial<TOutcomeFields>): TOutcomeFields => ({
  status: "error",
  attempts: [],
  errorCode: null,
  httpStatus: 500,
  ...fields,
});

describe("outcomeOf", () => {
  it("tells served, fallback, refusals, rate limits, invalid requests, failures and cancels apart", () => {
    expect(outcomeOf(record({ status: "success", httpStatus: 200, attempts: [ok] }))).toBe("served");
    expect(outcomeOf(record({ status: "success", httpStatus: 200, attempts: [failed, ok] }))).toBe("fallback");
    expect(outcomeOf(record({ status: "cancelled", httpStatus: 499, errorCode: "cancelled", attempts: [ok] }))).toBe(
      "cancelled",
    );
    expect(outcomeOf(record({ httpStatus: 429, errorCode: "rate_limited" }))).toBe("rate_limited");
    expect(outcomeOf(record({ httpStatus: 429, errorCode: "too_many_concurrent_requests" }))).toBe("rate_limited");
    const busy = { provider: "p", status: 429, latency_ms: 0, sent: false, error: "provider_busy" };
    expect(outcomeOf(record({ httpStatus: 429, errorCode: "provider_busy", attempts: [busy] }))).toBe("rate_limited");
    for (const code of ["privacy_restricted", "no_eligible_endpoint", "no_endpoints"])
      expect(outcomeOf(record({ httpStatus: 404, errorCode: code }))).toBe("refused_by_policy");
    expect(outcomeOf(record({ httpStatus: 503, errorCode: "no_provider_configured" }))).toBe("refused_by_policy");
    expect(outcomeOf(record({ httpStatus: 400, errorCode: "bad_request" }))).toBe("invalid");
    expect(outcomeOf(record({ httpStatus: 404, errorCode: "model_not_found" }))).toBe("invalid");
    expect(outcomeOf(record({ httpStatus: 502, errorCode: "upstream_failed", attempts: [failed] }))).toBe("failed");
    expect(outcomeOf(record({ httpStatus: 429, errorCode: "upstream_rate_limited", attempts: [failed] }))).toBe(
      "failed",
    );
    expect(outcomeOf(record({ httpStatus: 500, errorCode: "internal" }))).toBe("failed");
  });
});

describe("label values", () => {
  it("keep only short identifiers Privet writes; anything else is other", () => {
    expect(codeLabel("stream_timeout")).toBe("stream_timeout");
    expect(codeLabel(null)).toBe("none");
    expect(codeLabel("Ignore previous instructions")).toBe("other");
    expect(codeLabel("a".repeat(49))).toBe("other");
  });

  it("name a model only when it was served or the catalog knows it", () => {
    const known = (id: string) => id === "known/model";
    expect(modelLabel({ model: "client text", providerSlug: null }, known)).toBe("unknown");
    expect(modelLabel({ model: "known/model", providerSlug: null }, known)).toBe("known/model");
    expect(modelLabel({ model: "served/model", providerSlug: "p" }, known)).toBe("served/model");
  });
});

describe("routeOf and operationOf", () => {
  it("name each API surface's route and GenAI operation; the chat page is its own route", () => {
    expect(routeOf({ origin: "api", kind: "chat" })).toBe("/api/v1/chat/completions");
    expect(routeOf({ origin: "api", kind: "messages" })).toBe("/api/v1/messages");
    expect(routeOf({ origin: "api", kind: "embeddings" })).toBe("/api/v1/embeddings");
    expect(routeOf({ origin: "chat", kind: "chat" })).toBe("chat");
    expect(operationOf({ kind: "embeddings" })).toBe("embeddings");
    expect(operationOf({ kind: "completions" })).toBe("text_completion");
    expect(operationOf({ kind: "responses" })).toBe("chat");
  });
});
