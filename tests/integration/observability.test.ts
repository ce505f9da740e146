// Traces, metrics and JSON logs (issue 21), through the real /api/v1 handler and the mock upstream:
// - traces go to an in-process OTLP/HTTP receiver: one server span per request, one client span
//   per upstream attempt inside it, with GenAI semantic-convention and data-policy attributes;
// - metrics on their own port (PRIVET_METRICS_PORT) need no token there, and none on the main port;
// - the leak scan (PRODUCT.md rule 1): marker prompts — from an account without prompt logging and
//   one with it — and a marker as model id, X-Title and `user` appear in no exported span, no metric
//   and no log line (every log line one JSON object).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";
import { capturePrinted, formsIn } from "@/tests/support/leak-scan";
import { startOtlpReceiver, type TReceivedSpan } from "@/tests/support/otlp-receiver";

let h: THarness;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let printed: ReturnType<typeof capturePrinted>;

const markers: string[] = [];
function marker(name: string): string {
  const m = `PVTOBS${name}${crypto.randomBytes(6).toString("hex")}`;
  markers.push(m);
  return m;
}
const say = (text: string) => [{ role: "user", content: `${text} please` }];

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  printed = capturePrinted();
  h = await startHarness({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      PRIVET_METRICS_PORT: "0",
      PRIVET_LOG_FORMAT: "json",
      PRIVET_TIMEOUT_FIRST_BYTE_MS: "250",
    },
  });
  for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"]) h.mock.setProvider(slug, { reply: "echo" });
});
afterAll(async () => {
  printed?.restore();
  await h?.close();
  await receiver?.close();
});

async function exportedSpans(): Promise<TReceivedSpan[]> {
  await h.flush();
  const { flushTraces } = await import("@/lib/observability/setup");
  await flushTraces();
  return receiver.spans();
}

function spansOf(spans: TReceivedSpan[], generationId: string): { request: TReceivedSpan; attempts: TReceivedSpan[] } {
  const request = spans.find((s) => s.attributes["gen_ai.response.id"] === generationId);
  if (!request) throw new Error(`no span for ${generationId}`);
  const attempts = spans
    .filter((s) => s.parentSpanId === request.spanId)
    .sort((a, b) => Number(a.attributes["privet.attempt.index"]) - Number(b.attributes["privet.attempt.index"]));
  return { request, attempts };
}

async function metricsText(): Promise<string> {
  const { metricsPortUrl } = await import("@/lib/observability/setup");
  const url = metricsPortUrl();
  expect(url).not.toBeNull();
  const res = await fetch(url!);
  expect(res.status).toBe(200);
  return res.text();
}

describe("traces", () => {
  it("a served request is a server span with GenAI and data-policy attributes, around one client span per attempt", async () => {
    const user = await h.createUser();
    const res = await h.chat(user.key, { model: "e2e/echo", messages: say("hello") });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-privet-generation-id")!;
    const { request, attempts } = spansOf(await exportedSpans(), id);

    expect(request.name).toBe("chat e2e/echo");
    expect(request.kind).toBe(2);
    expect(request.parentSpanId).toBeNull();
    expect(request.isError).toBe(false);
    expect(request.resource["service.name"]).toBe("privet");
    expect(request.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "e2e/echo",
      "gen_ai.response.model": "e2e/echo",
      "gen_ai.provider.name": "e2e-retain",
      "gen_ai.response.finish_reasons": ["stop"],
      "http.route": "/api/v1/chat/completions",
      "http.response.status_code": 200,
      "privet.outcome": "served",
      "privet.streamed": false,
      "privet.content_stored": false,
      "privet.data_policy.training": "no",
      "privet.data_policy.retention": "30d",
      "privet.data_policy.zdr": "no",
      "privet.data_policy.publish": "no",
    });
    expect(request.attributes["gen_ai.usage.input_tokens"]).toBeGreaterThan(0);
    expect(request.attributes["gen_ai.usage.output_tokens"]).toBeGreaterThan(0);
    expect(request.attributes).not.toHaveProperty("privet.account.id");

    expect(attempts).toHaveLength(1);
    const [attempt] = attempts;
    expect(attempt!.kind).toBe(3);
    expect(attempt!.traceId).toBe(request.traceId);
    expect(attempt!.attributes).toMatchObject({
      "gen_ai.provider.name": "e2e-retain",
      "gen_ai.response.model": "upstream-e2e-retain",
      "http.response.status_code": 200,
    });
    expect(attempt!.startMs).toBeGreaterThanOrEqual(request.startMs);
    expect(attempt!.endMs).toBeLessThanOrEqual(request.endMs);
  });

  it("a fallback has a failed attempt span (error, its reason and status) before the one that served", async () => {
    const user = await h.createUser();
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: say("fall back"), stream: true });
    await res.text();
    h.mock.setProvider("e2e-retain", { failure: null });
    const { request, attempts } = spansOf(await exportedSpans(), res.headers.get("x-privet-generation-id")!);

    expect(request.attributes).toMatchObject({
      "privet.outcome": "fallback",
      "gen_ai.provider.name": "e2e-zdr",
      "privet.streamed": true,
      "privet.data_policy.zdr": "yes",
    });
    expect(request.attributes["privet.time_to_first_token_ms"]).toEqual(expect.any(Number));
    expect(
      attempts.map((a) => [
        a.attributes["gen_ai.provider.name"],
        a.attributes["error.type"] ?? null,
        a.attributes["http.response.status_code"],
        a.isError,
      ]),
    ).toEqual([
      ["e2e-retain", "http", 500, true],
      ["e2e-zdr", null, 200, false],
    ]);
    expect(attempts[0]!.endMs).toBeLessThanOrEqual(attempts[1]!.startMs);
  });

  it("a refusal is a span without attempts, its error type Privet's code; an unknown model is named unknown", async () => {
    const user = await h.createUser();
    const refused = await h.chat(user.key, {
      model: "e2e/echo",
      messages: say("refuse"),
      provider: { only: ["e2e-trains"] },
    });
    expect(refused.status).toBe(404);
    const madeUp = marker("model");
    const unknown = await h.chat(user.key, { model: madeUp, messages: say("unknown") });
    expect(unknown.status).toBe(404);
    const spans = await exportedSpans();
    const r = spansOf(spans, refused.headers.get("x-privet-generation-id")!);
    expect(r.attempts).toHaveLength(0);
    expect(r.request.attributes).toMatchObject({
      "privet.outcome": "refused_by_policy",
      "http.response.status_code": 404,
      "error.type": "privacy_restricted",
    });
    const u = spansOf(spans, unknown.headers.get("x-privet-generation-id")!);
    expect(u.request.name).toBe("chat unknown");
    expect(u.request.attributes).toMatchObject({ "gen_ai.request.model": "unknown", "privet.outcome": "invalid" });
  });
});

describe("no content in traces, metrics or logs", () => {
  it(
    "with and without prompt logging, on success, stream, fallback, failure and cancel",
    { timeout: 60_000 },
    async () => {
      const quiet = await h.createUser();
      const logging = await h.createUser({ promptLogging: true });
      const app = { "x-title": marker("title") };
      const user = marker("user");
      for (const account of [quiet, logging]) {
        const served = await h.chat(account.key, { model: "e2e/echo", messages: say(marker("served")), user }, app);
        expect(served.status).toBe(200);
        const streamed = await h.chat(
          account.key,
          { model: "e2e/echo", stream: true, messages: say(marker("streamed")) },
          app,
        );
        expect(await streamed.text()).toContain("data: [DONE]");
        h.mock.setProvider("e2e-retain", { failure: "500" });
        expect((await h.chat(account.key, { model: "e2e/echo", messages: say(marker("fallback")) })).status).toBe(200);
        h.mock.setProvider("e2e-zdr", { failure: "500" });
        h.mock.setProvider("e2e-anthropic", { failure: "500" });
        expect((await h.chat(account.key, { model: "e2e/echo", messages: say(marker("failed")) })).status).toBe(502);
        for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"]) h.mock.setProvider(slug, { failure: null });
        h.mock.setProvider("e2e-retain", { tokensPerSecond: 10 });
        const cancelled = marker("cancelled");
        await h.chatThenCancel(
          account.key,
          { model: "e2e/echo", messages: say(`${cancelled} ${"and more words ".repeat(15)}`) },
          cancelled,
        );
        h.mock.setProvider("e2e-retain", { tokensPerSecond: null });
        // The control: prompt logging really kept this account's prompt (so the marker was there to leak).
        if (account === logging) {
          const stored = await h.get(
            `/api/v1/generation/content?id=${served.headers.get("x-privet-generation-id")}`,
            account.key,
          );
          expect(stored.status).toBe(200);
          expect(await stored.text()).toContain("PVTOBSserved");
        }
      }

      const spans = await exportedSpans();
      expect(spans.length).toBeGreaterThan(10);
      expect(receiver.raw()).toContain("privet.data_policy.training");
      const metrics = await metricsText();
      expect(metrics).toContain("privet_requests_total");
      const logs = printed.text();
      for (const m of markers) {
        expect(formsIn(m, receiver.raw()), `${m} in spans`).toEqual([]);
        expect(formsIn(m, metrics), `${m} in metrics`).toEqual([]);
        expect(formsIn(m, logs), `${m} in logs`).toEqual([]);
      }
      for (const span of spans) expect(span.attributes).not.toHaveProperty("privet.account.id");
      expect(metrics).not.toMatch(/account="/);

      // Every line printed is one JSON object with a level, a time and an event (the start-up lines at least).
      const lines = logs.split("\n").filter((line) => line.trim() !== "");
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines)
        expect(JSON.parse(line)).toEqual(
          expect.objectContaining({ level: expect.any(String), time: expect.any(String), event: expect.any(String) }),
        );
      expect(lines.some((line) => line.includes("traces exported"))).toBe(true);
    },
  );

  it("/metrics is not on the main port when it has a port of its own and no token", async () => {
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(404);
  });
});
