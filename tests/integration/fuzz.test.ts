// Hostile input (issue 8): property-based fuzzing of the chat completions body and headers, plus
// the hand-picked nasty cases (deep nesting, huge strings, wrong types, unicode edge cases,
// numbers JSON cannot hold). Whatever arrives, the gateway answers with a 4xx in the error shape
// or a valid response — never a 5xx, never a hang — and a 4xx for a bad request is decided before
// any upstream call. The mock stays healthy throughout, so any 5xx is a Privet bug. Each request
// has a deadline (AbortSignal.timeout): going past it is a hang, a failure; it is not a timing
// assertion. Every request that reached the router leaves exactly one metadata record.
import http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sseData, startHarness, type THarness } from "@/tests/support/harness";

const DEADLINE_MS = 15_000;
/** Runs per property: enough to find the classes of bugs above, small enough for < 30 s in all. */
const RUNS = 60;

let h: THarness;
let user: Awaited<ReturnType<THarness["createUser"]>>;
/** Requests with the fuzz user's key that reached the router (each must leave one record). */
let routed = 0;

beforeAll(async () => {
  h = await startHarness();
  user = await h.createUser();
});
afterAll(async () => {
  await h?.close();
});

// ---------------------------------------------------------------------------------------------
// Sending and checking
// ---------------------------------------------------------------------------------------------

type TOutcome = { status: number; headers: http.IncomingHttpHeaders; text: string; upstreamCalls: number };

/**
 * One request over a raw socket (fetch refuses some headers and values on purpose; a hostile
 * client does not). Header values are sent as bytes: UTF-8 text arrives as its bytes, as it
 * would from any client. Rejects when the deadline passes: a hang.
 */
function send(
  body: string | Buffer,
  headers: Record<string, string | string[]> = {},
  path = "/api/v1/chat/completions",
): Promise<TOutcome> {
  // Requests run one at a time: the mock's calls since this point are this request's.
  h.mock.clearCalls();
  const url = new URL(path, h.baseUrl);
  // HTTP cannot carry control characters in a header at all (Node refuses to send them).
  const latin1 = (v: string) =>
    Buffer.from(v, "utf8")
      .toString("latin1")
      .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, "");
  const wire: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) wire[k] = Array.isArray(v) ? v.map(latin1) : latin1(v);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: "POST",
        headers: wire,
        signal: AbortSignal.timeout(DEADLINE_MS),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
            upstreamCalls: h.mock.calls().length,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const withKey = (extra: Record<string, string | string[]> = {}) => ({
  authorization: `Bearer ${user.key}`,
  "content-type": "application/json",
  ...extra,
});

async function sendChat(body: string | Buffer, extra: Record<string, string | string[]> = {}): Promise<TOutcome> {
  const out = await send(body, withKey(extra));
  if (out.status !== 401 && out.status !== 431) routed += 1;
  return out;
}

/**
 * What every answer must be: below 500; a 4xx in the error shape, with no upstream call when the
 * request itself was at fault; a 200 that is a whole completion or a whole stream.
 */
function expectSafe(out: TOutcome, what: string): void {
  expect(out.status, `${what}: ${out.text.slice(0, 300)}`).toBeLessThan(500);
  expect(out.status, what).toBeGreaterThanOrEqual(200);
  // Whatever the outcome, the response is never a document a browser would sniff or let be framed.
  expect(out.headers["x-content-type-options"], what).toBe("nosniff");
  expect(out.headers["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
  if (out.status >= 400) {
    expect(out.headers["content-type"], what).toMatch(/^application\/json/);
    const body = JSON.parse(out.text) as { error: { code: number; message: string; metadata?: { code?: string } } };
    expect(Object.keys(body), what).toEqual(["error"]);
    expect(body.error.code, what).toBe(out.status);
    expect(typeof body.error.message, what).toBe("string");
    expect(body.error.message.length, what).toBeGreaterThan(0);
    expect(out.text, what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    // A provider may reject what Privet let through ("upstream_rejected"); anything else that is
    // the request's fault is decided before a provider hears of it.
    if (body.error.metadata?.code !== "upstream_rejected")
      expect(out.upstreamCalls, `${what}: upstream called for a refused request`).toBe(0);
    return;
  }
  expect(out.status, what).toBe(200);
  if (String(out.headers["content-type"]).startsWith("text/event-stream")) {
    const data = sseData(out.text);
    expect(data.at(-1), what).toBe("[DONE]");
    for (const d of data.slice(0, -1)) expect((JSON.parse(d) as { error?: unknown }).error, what).toBeUndefined();
  } else {
    const completion = JSON.parse(out.text) as { choices: unknown[]; usage: unknown };
    expect(Array.isArray(completion.choices), what).toBe(true);
    expect(completion.usage, what).toBeTruthy();
  }
  expect(out.upstreamCalls, what).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Strings that have broken parsers, databases and terminals before. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary-ascii", maxLength: 40 }),
  fc.constantFrom(
    "\ud800", // lone high surrogate
    "\udfff", // lone low surrogate
    "a\udc00b\ud83d",
    "nul\u0000inside",
    "\u202eRTL override\u202c",
    "\u200f\u200eRLM LRM",
    "👩‍👩‍👧‍👦🏳️‍🌈", // ZWJ sequences
    "\ufeffBOM",
    "e\u0301\u0301\u0301",
    "\u2028\u2029",
    "e2e/echo\u0000",
    "__proto__",
    "constructor",
    "%00%ff",
    "\\u0000",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../../../etc/passwd",
    "${jndi:ldap://x}",
    "",
    " ",
  ),
);

const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double(), // NaN and ±Infinity become null in JSON
  fc.constantFrom(-0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, -(2 ** 63), 0.1 + 0.2),
);

const { value: jsonish } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(nastyString, tie("value"), { maxKeys: 4 }),
  ),
}));

const ROLES = ["system", "developer", "user", "assistant", "tool"];

const message = fc.record(
  {
    role: fc.oneof(fc.constantFrom(...ROLES), nastyString, jsonish),
    content: fc.oneof(
      nastyString,
      jsonish,
      fc.array(
        fc.record(
          {
            type: fc.oneof(fc.constantFrom("text", "image_url", "refusal", "file"), nastyString),
            text: fc.oneof(nastyString, jsonish),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
    name: fc.oneof(nastyString, jsonish),
    tool_call_id: nastyString,
    tool_calls: jsonish,
  },
  { requiredKeys: ["role"] },
);

const FIELDS = [
  "model",
  "models",
  "messages",
  "stream",
  "stream_options",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "top_k",
  "min_p",
  "top_a",
  "frequency_penalty",
  "presence_penalty",
  "repetition_penalty",
  "seed",
  "stop",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "n",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "user",
  "provider",
  "usage",
  "transforms",
  "route",
  "reasoning",
] as const;

/** A valid request with a few mutations: a field set to something hostile, a field removed, odd messages, unknown keys. */
const mutatedBody = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.record({ op: fc.constant("set" as const), field: fc.constantFrom(...FIELDS), value: jsonish }),
        fc.record({ op: fc.constant("delete" as const), field: fc.constantFrom(...FIELDS) }),
        fc.record({ op: fc.constant("messages" as const), value: fc.array(message, { maxLength: 4 }) }),
        fc.record({
          op: fc.constant("provider" as const),
          value: fc.dictionary(
            fc.constantFrom(
              "order",
              "only",
              "ignore",
              "zdr",
              "data_collection",
              "sort",
              "allow_fallbacks",
              "max_price",
              "quantizations",
              "nope",
            ),
            jsonish,
            { maxKeys: 3 },
          ),
        }),
        fc.record({ op: fc.constant("unknown" as const), field: nastyString, value: jsonish }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    fc.boolean(),
  )
  .map(([mutations, stream]) => {
    const body: Record<string, unknown> = { model: "e2e/echo", messages: [{ role: "user", content: "hello" }], stream };
    for (const m of mutations) {
      if (m.op === "set") body[m.field] = m.value;
      else if (m.op === "delete") delete body[m.field];
      else if (m.op === "messages") body.messages = m.value;
      else if (m.op === "provider") body.provider = m.value;
      else
        Object.defineProperty(body, m.field, { value: m.value, enumerable: true, configurable: true, writable: true });
    }
    return body;
  });

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe("property: no input makes the gateway fail", () => {
  it("valid requests with hostile mutations", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBody, async (body) => {
        expectSafe(await sendChat(JSON.stringify(body)), "mutated body");
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it("any JSON value as the body", async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, async (value) => {
        const out = await sendChat(JSON.stringify(value) ?? "null");
        expectSafe(out, "json body");
        expect(out.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS },
    );
  });

  it("any bytes as the body", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
          nastyString.map((s) => Buffer.from(s)),
        ),
        async (bytes) => {
          const out = await sendChat(bytes);
          expectSafe(out, "byte body");
          expect(out.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("numbers JSON cannot hold and numbers as strings, in every numeric field", async () => {
    const literals = [
      "1e309",
      "-1e309",
      "-0",
      "1e-400",
      "123456789012345678901234567890",
      "0.1e1",
      '"NaN"',
      '"Infinity"',
      '"-0"',
      '"1"',
      "[1]",
      "{}",
      "true",
    ];
    const numeric = [
      "max_tokens",
      "max_completion_tokens",
      "temperature",
      "top_p",
      "top_k",
      "min_p",
      "top_a",
      "frequency_penalty",
      "presence_penalty",
      "repetition_penalty",
      "seed",
      "top_logprobs",
      "n",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...numeric),
        fc.constantFrom(...literals),
        fc.boolean(),
        async (field, literal, stream) => {
          const text = `{"model":"e2e/echo","messages":[{"role":"user","content":"hi"}],"stream":${stream},"${field}":${literal}}`;
          expectSafe(await sendChat(text), `${field}: ${literal}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("hostile headers: content types, odd and huge values, duplicate Authorization", async () => {
    const headerValue = fc.oneof(
      nastyString,
      fc.nat({ max: 6_000 }).map((n) => "x".repeat(n)),
    );
    const headerSet = fc.record(
      {
        "content-type": fc.oneof(
          fc.constantFrom(
            "application/json",
            "application/json; charset=latin1",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json; charset=utf-16",
            "*/*",
            "",
          ),
          headerValue,
        ),
        "x-title": headerValue,
        "http-referer": headerValue,
        referer: headerValue,
        "user-agent": headerValue,
        "x-forwarded-for": headerValue,
        accept: fc.constantFrom("text/event-stream", "application/xml", "*/*", ""),
        authorization: fc.oneof(
          fc.constant<string | string[]>([`Bearer ${user.key}`, "Bearer sk-pv-wrong"]),
          fc.constant<string | string[]>(["Bearer sk-pv-wrong", `Bearer ${user.key}`]),
          fc.constant(`Bearer ${user.key}, Bearer ${user.key}`),
          fc.constant(`bearer   ${user.key}`),
          headerValue.map((v) => `Bearer ${v}`),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(headerSet, fc.boolean(), async (headers, stream) => {
        const body = JSON.stringify({ model: "e2e/echo", messages: [{ role: "user", content: "hi" }], stream });
        const wire: Record<string, string | string[]> = { authorization: `Bearer ${user.key}`, ...headers };
        const out = await send(body, wire);
        // Over 16 KB of headers in all, Node's HTTP parser answers 431 itself, before any route.
        if (out.status === 431) return;
        if (out.status !== 401) routed += 1;
        expectSafe(out, `headers ${JSON.stringify(Object.keys(headers))}`);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-picked cases
// ---------------------------------------------------------------------------------------------

describe("deep nesting", () => {
  const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
  const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
  const valid = (extra: string) => `{"model":"e2e/echo","messages":[{"role":"user","content":"hi"}]${extra}}`;

  for (const depth of [100, 1_000, 10_000, 100_000]) {
    it(`${depth} levels, as the body and inside fields a provider would receive`, async () => {
      const bodies = [
        deepArray(depth),
        deepObject(depth),
        valid(`,"extra":${deepArray(depth)}`),
        valid(`,"metadata":${deepObject(depth)}`),
        valid(`,"stream":true,"extra":${deepArray(depth)}`),
        valid(`,"tools":[{"type":"function","function":{"name":"f","parameters":${deepObject(depth)}}}]`),
        valid(`,"response_format":{"type":"json_schema","json_schema":{"name":"n","schema":${deepObject(depth)}}}`),
        `{"model":"e2e/echo","messages":[{"role":"user","content":"hi","extra":${deepArray(depth)}}]}`,
        `{"model":"e2e/echo","messages":[{"role":"user","content":[{"type":"text","text":"hi","extra":${deepObject(depth)}}]}]}`,
        `{"model":"e2e/echo","messages":${deepArray(depth)}}`,
        `{"model":"e2e/echo","messages":[{"role":"user","content":${deepArray(depth)}}]}`,
      ];
      for (const [i, body] of bodies.entries()) {
        const out = await sendChat(body);
        expectSafe(out, `depth ${depth}, body ${i}`);
        // A body whose size is fine but whose nesting is not is refused before a provider hears of it.
        if (depth >= 10_000) expect(out.status, `depth ${depth}, body ${i}`).toBe(400);
      }
    });
  }
});

describe("huge strings", () => {
  const big = "x".repeat(900 * 1024);
  it("900 KB in each string field: a valid prompt is answered, anything else refused in the error shape", async () => {
    const cases: [string, Record<string, unknown>][] = [
      ["content", { model: "e2e/echo", messages: [{ role: "user", content: big }] }],
      ["model", { model: big, messages: [{ role: "user", content: "hi" }] }],
      ["user", { model: "e2e/echo", messages: [{ role: "user", content: "hi" }], user: big }],
      ["role", { model: "e2e/echo", messages: [{ role: big, content: "hi" }] }],
      ["stop", { model: "e2e/echo", messages: [{ role: "user", content: "hi" }], stop: big }],
      ["unknown key", { model: "e2e/echo", messages: [{ role: "user", content: "hi" }], [big.slice(0, 100_000)]: 1 }],
      ["provider slug", { model: "e2e/echo", messages: [{ role: "user", content: "hi" }], provider: { only: [big] } }],
    ];
    for (const [name, body] of cases) {
      const out = await sendChat(JSON.stringify(body));
      expectSafe(out, name);
      expect(out.text.length, `${name}: the value is not echoed back`).toBeLessThan(10_000);
    }
  });

  it("many small things: 10,000 messages, a 10,000-element stop list, 10,000 unknown keys", async () => {
    const many = Array.from({ length: 10_000 }, () => ({ role: "user", content: "hi" }));
    const keys = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    for (const body of [
      { model: "e2e/echo", messages: many },
      { model: "e2e/echo", messages: [...many, { role: "user", content: "one too many" }] },
      { model: "e2e/echo", messages: [{ role: "user", content: "hi" }], stop: Array(10_000).fill("s") },
      { model: "e2e/echo", messages: [{ role: "user", content: "hi" }], ...keys },
      { models: Array(10_000).fill("e2e/echo"), messages: [{ role: "user", content: "hi" }] },
    ]) {
      expectSafe(await sendChat(JSON.stringify(body)), "many");
    }
  });
});

describe("unicode and wrong types in every field", () => {
  it("each field of a valid request set to each wrong type", async () => {
    const wrong: unknown[] = [null, true, 0, -1, 1.5, "", "\ud800", "a\u0000", [], [null], {}, { "": null }];
    for (const field of FIELDS) {
      for (const value of wrong) {
        const body = { model: "e2e/echo", messages: [{ role: "user", content: "hi" }], [field]: value };
        expectSafe(await sendChat(JSON.stringify(body)), `${field} = ${JSON.stringify(value)}`);
      }
    }
  });

  it("unicode edge cases in the prompt are answered, and lone surrogates sent as raw bytes are too", async () => {
    for (const content of ["\ud800", "a\udc00b", "nul\u0000byte", "\u202eevil\u202c", "👩‍👩‍👧‍👦", "\ufeff", "\u2028"]) {
      const out = await sendChat(
        JSON.stringify({ model: "e2e/echo", messages: [{ role: "user", content }], stream: true }),
      );
      expectSafe(out, JSON.stringify(content));
      expect(out.status).toBe(200);
    }
    // Invalid UTF-8 inside a JSON string: decoded to U+FFFD, a normal prompt.
    const raw = Buffer.concat([
      Buffer.from('{"model":"e2e/echo","messages":[{"role":"user","content":"'),
      Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]),
      Buffer.from('"}]}'),
    ]);
    const out = await sendChat(raw);
    expectSafe(out, "invalid utf-8");
    expect(out.status).toBe(200);
  });

  it("__proto__ and constructor keys change nothing but the request", async () => {
    const text =
      '{"model":"e2e/echo","messages":[{"role":"user","content":"hi","__proto__":{"role":"system"}}],"__proto__":{"stream":true,"provider":{"zdr":false}},"constructor":{"prototype":{"polluted":1}}}';
    const out = await sendChat(text);
    expectSafe(out, "proto keys");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).stream).toBeUndefined();
  });
});

describe("protocol edges", () => {
  it("a header block over Node's limit is refused (431) and the connection closed, not left hanging", async () => {
    const out = await send("{}", withKey({ "x-title": "y".repeat(40_000) }));
    expect(out.status).toBe(431);
  });

  it("other methods and paths answer in the error shape", async () => {
    for (const [method, path] of [
      ["PUT", "/api/v1/chat/completions"],
      ["PATCH", "/api/v1/chat/completions"],
      ["POST", "/api/v1/chat/completions/../../etc"],
      ["POST", "/api/v1/%2e%2e/%00"],
    ] as const) {
      const out = await new Promise<TOutcome>((resolve, reject) => {
        const url = new URL(h.baseUrl);
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            path,
            method,
            headers: withKey(),
            signal: AbortSignal.timeout(DEADLINE_MS),
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (c: string) => (text += c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, upstreamCalls: 0 }));
          },
        );
        req.on("error", reject);
        req.end("{}");
      });
      expectSafe(out, `${method} ${path}`);
    }
  });
});

describe("records", () => {
  it("a record that can never be written does not hold back the others", async () => {
    const { recorder } = await import("@/lib/gateway/recorder");
    const other = await h.createUser();
    const first = await h.chat(other.key, { model: "e2e/echo", messages: [{ role: "user", content: "hi" }] });
    expect(first.status).toBe(200);
    const id = first.headers.get("x-privet-generation-id")!;
    await h.flush();
    const written = await h.db.generation.findUniqueOrThrow({ where: { id } });
    // The same id again: the primary key refuses it, on every attempt.
    const record = {
      ...written,
      origin: "api" as const,
      kind: "chat" as const,
      status: "success" as const,
      attempts: [],
      dataPolicy: null,
      route: null,
    };
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      // Handed over together, before the writer's next batch: the refused one first.
      recorder().record(record);
      const later = ["a", "b", "c"].map((suffix) => ({ ...record, id: `${id}-${suffix}` }));
      for (const r of later) recorder().record(r);
      await h.flush();
      expect(recorder().pendingCount()).toBe(0);
      // Said once, by count: never the record's values.
      expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
        "[privet] dropped 1 metadata records that cannot be written",
      ]);
      expect(await h.db.generation.count({ where: { userId: other.id } })).toBe(4);
      for (const r of later) expect(await h.db.generation.count({ where: { id: r.id } })).toBe(1);
    } finally {
      logged.mockRestore();
    }
  });

  it("every fuzzed request that reached the router left exactly one metadata record", async () => {
    await h.flush();
    expect(routed).toBeGreaterThan(RUNS * 5);
    expect(await h.db.generation.count({ where: { userId: user.id } })).toBe(routed);
  });
});
