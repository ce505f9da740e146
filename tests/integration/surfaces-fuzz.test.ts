// Hostile bodies on the other API surfaces (/messages, /responses, /completions, /embeddings): any
// JSON value, and valid requests with a field replaced by any JSON value, get an answer below 500
// in the route's error shape (Anthropic's on /messages) or a whole answer, never reach a provider
// when refused, and each leaves exactly one metadata record of its kind. /messages/count_tokens
// likewise, except that it never reaches a provider and leaves no record at all.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let key: string;
let userId: string;

function catalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  return {
    ...base,
    models: [
      ...base.models,
      {
        id: "e2e/embed",
        name: "E2E Embed",
        contextLength: 8192,
        output: "embeddings",
        endpoints: [{ provider: "e2e-retain", upstreamModel: "embed", pricing: { prompt: 0.1, completion: 0 } }],
      },
    ],
  };
}

beforeAll(async () => {
  h = await startHarness({ catalog });
  const user = await h.createUser();
  key = user.key;
  userId = user.id;
});
afterAll(async () => {
  await h?.close();
});

const ROUTES = [
  {
    kind: "messages",
    path: "/api/v1/messages",
    valid: { model: "e2e/echo", max_tokens: 50, messages: [{ role: "user", content: "hi" }] },
    isAnthropic: true,
  },
  { kind: "responses", path: "/api/v1/responses", valid: { model: "e2e/echo", input: "hi" }, isAnthropic: false },
  { kind: "completions", path: "/api/v1/completions", valid: { model: "e2e/echo", prompt: "hi" }, isAnthropic: false },
  { kind: "embeddings", path: "/api/v1/embeddings", valid: { model: "e2e/embed", input: "hi" }, isAnthropic: false },
] as const;

const jsonish = fc.jsonValue({ maxDepth: 4 });

async function post(path: string, body: string) {
  h.mock.clearCalls();
  const res = await fetch(`${h.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text(), calls: h.mock.calls().length };
}

describe.each(ROUTES)("$path", ({ kind, path, valid, isAnthropic }) => {
  it("answers any JSON body and any field replaced by any value below 500, in its error shape, one record each", async () => {
    await h.flush();
    const before = await h.db.generation.count({ where: { userId, kind } });
    let sent = 0;
    const check = (out: Awaited<ReturnType<typeof post>>, what: string) => {
      sent += 1;
      expect(out.status, `${what}: ${out.text.slice(0, 300)}`).toBeLessThan(500);
      expect(out.headers.get("x-privet-generation-id"), what).toMatch(/^gen-/);
      if (out.status >= 400) {
        const body = JSON.parse(out.text) as Record<string, unknown>;
        if (isAnthropic)
          expect(body, what).toMatchObject({
            type: "error",
            error: { type: expect.any(String), message: expect.any(String) },
          });
        else expect(Object.keys(body), what).toEqual(["error"]);
        if (out.status === 400) expect(out.calls, what).toBe(0);
      }
    };
    await fc.assert(
      fc.asyncProperty(jsonish, async (value) => check(await post(path, JSON.stringify(value) ?? "null"), "json body")),
      { numRuns: 40 },
    );
    const fields = [...Object.keys(valid), "provider", "stream", "tools"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), jsonish, async (field, value) => {
        const body = { ...valid, [field]: value };
        // A stream is read to its end by post(): any answer is whole.
        check(await post(path, JSON.stringify(body)), `${field} replaced`);
      }),
      { numRuns: 80 },
    );
    await h.flush();
    expect(await h.db.generation.count({ where: { userId, kind } })).toBe(before + sent);
  });
});

describe("/api/v1/messages/count_tokens", () => {
  const path = "/api/v1/messages/count_tokens";
  const valid = { model: "e2e/echo", messages: [{ role: "user", content: "hi" }] };

  it("answers any body below 500: Anthropic's error shape or a count; never a provider, never a record", async () => {
    await h.flush();
    const before = await h.db.generation.count({ where: { userId } });
    let counted = 0;
    const check = (out: Awaited<ReturnType<typeof post>>, what: string) => {
      expect(out.status, `${what}: ${out.text.slice(0, 300)}`).toBeLessThan(500);
      // An estimate made by Privet: whatever the body, no provider hears of it.
      expect(out.calls, what).toBe(0);
      expect(out.headers.get("x-privet-content-stored"), what).toBe("no");
      expect(out.headers.get("x-privet-generation-id"), what).toBeNull();
      const body = JSON.parse(out.text) as Record<string, unknown>;
      if (out.status >= 400) {
        expect(body, what).toMatchObject({
          type: "error",
          error: { type: expect.any(String), message: expect.any(String) },
        });
        expect(Object.keys(body).sort(), what).toEqual(["error", "type"]);
        return;
      }
      counted += 1;
      expect(out.status, what).toBe(200);
      expect(out.headers.get("x-privet-token-count"), what).toBe("estimate");
      expect(Object.keys(body), what).toEqual(["input_tokens"]);
      expect(Number.isInteger(body.input_tokens), what).toBe(true);
    };
    await fc.assert(
      fc.asyncProperty(jsonish, async (value) => check(await post(path, JSON.stringify(value) ?? "null"), "json body")),
      { numRuns: 40 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("latin1")),
        async (text) => check(await post(path, text), "byte body"),
      ),
      { numRuns: 20 },
    );
    const fields = [...Object.keys(valid), "system", "tools", "tool_choice", "thinking", "provider", "max_tokens"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), jsonish, async (field, value) =>
        check(await post(path, JSON.stringify({ ...valid, [field]: value })), `${field} replaced`),
      ),
      { numRuns: 80 },
    );
    // The valid request itself is counted, so the property saw both outcomes.
    check(await post(path, JSON.stringify(valid)), "valid");
    expect(counted).toBeGreaterThan(0);
    await h.flush();
    expect(await h.db.generation.count({ where: { userId } })).toBe(before);
  });
});
