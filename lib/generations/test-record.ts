// A metadata record for unit tests: a served, non-streamed API request; each test states what it varies.
import type { TGenerationRecord } from "@/lib/generations/record";

export function makeRecord(overrides: Partial<TGenerationRecord> = {}): TGenerationRecord {
  return {
    id: "gen-1",
    userId: "user-1",
    apiKeyId: "key-1",
    createdAt: new Date("2026-03-04T05:06:07.089Z"),
    model: "e2e/echo",
    providerSlug: "e2e-zdr",
    providerName: "E2E ZDR",
    upstreamModel: "upstream",
    origin: "api",
    appTitle: null,
    appReferer: null,
    userAgent: null,
    externalUser: null,
    streamed: false,
    cancelled: false,
    status: "success",
    httpStatus: 200,
    errorCode: null,
    finishReason: "stop",
    nativeFinishReason: "stop",
    latencyMs: 120,
    firstTokenMs: 120,
    promptTokens: 10,
    completionTokens: 5,
    cost: 0.001,
    attempts: [{ provider: "e2e-zdr", status: 200, latency_ms: 100 }],
    dataPolicy: null,
    contentStored: false,
    cachedPromptTokens: 0,
    reasoningTokens: 0,
    usageEstimated: false,
    ...overrides,
  };
}
