// Every error the API returns has the documented shape `{ error: { code, message, metadata? } }`,
// JSON, never an HTML page or a stack trace; a client error never reaches an upstream; and no
// error message repeats what the client sent (any string in a body may be prompt text).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startHarness, type THarness } from "@/tests/support/harness";

/** The e2e catalog plus a model whose only provider needs a key this server does not have. */
function errorsCatalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  return {
    providers: [
      ...base.providers,
      {
        slug: "it-keyless",
        name: "IT Keyless",
        api: "openai",
        baseUrl: `${mockUrl}/it-keyless/v1`,
        apiKeyEnv: "IT_UNSET_PROVIDER_KEY",
        dataPolicy: { training: false, retainsPrompts: false, zdr: true, canPublish: false },
      },
    ],
    models: [
      ...base.models,
      {
        id: "it/unconfigured",
        name: "Unconfigured",
        contextLength: 8192,
        endpoints: [{ provider: "it-keyless", upstreamModel: "u", pricing: { prompt: 1, completion: 1 } }],
      },
    ],
  };
}

let h: THarness;
let user: Awaited<ReturnType<THarness["createUser"]>>;

beforeAll(async () => {
  delete process.env.IT_UNSET_PROVIDER_KEY;
  h = await startHarness({ catalog: errorsCatalog, env: { PRIVET_TIMEOUT_FIRST_BYTE_MS: "250" } });
  user = await h.createUser();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.mock.reset();
  h.mock.clearCalls();
});

const MARKER = "ERRMARKER-7c1f2a9d";
const hello = [{ role: "user", content: "hello there" }];

type TErrorBody = { error: { code: number; message: string; metadata?: Record<string, unknown> } };

/** Checks the shape common to every error and returns the parsed body. */
async function expectError(res: Response, status: number): Promise<TErrorBody["error"]> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(text).not.toMatch(/<html|<!doctype|<body/i);
  // No stack frames, no source paths.
  expect(text).not.toMatch(/\n\s+at |\bat [\w.<>]+ \(|\.ts:\d+|node_modules|\/work\//);
  const body = JSON.parse(text) as TErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(
    body.error.metadata === undefined ? ["code", "message"] : ["code", "message", "metadata"],
  );
  expect(body.error.code).toBe(status);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  if (body.error.metadata !== undefined) expect(typeof body.error.metadata).toBe("object");
  return body.error;
}

function post(path: string, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return fetch(`${h.baseUrl}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.key}`, "content-type": "application/json", ...headers },
    body,
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  } as RequestInit);
}

describe("400 bad request", () => {
  it("invalid JSON", async () => {
    const error = await expectError(
      await post("/api/v1/chat/completions", `{"model": "e2e/echo", "messages": [${MARKER}`),
      400,
    );
    expect(error.message).toBe("Request body is not valid JSON.");
    expect(error.metadata).toEqual({ field: "body" });
    expect(h.mock.calls()).toEqual([]);
  });

  it("an empty body", async () => {
    const error = await expectError(await post("/api/v1/chat/completions", ""), 400);
    expect(error.metadata).toEqual({ field: "body" });
  });

  const invalid: { name: string; body: Record<string, unknown>; field: string }[] = [
    { name: "a missing model", body: { messages: hello }, field: "model" },
    {
      name: "a string temperature",
      body: { model: "e2e/echo", messages: hello, temperature: MARKER },
      field: "temperature",
    },
    {
      name: "an unknown role",
      body: { model: "e2e/echo", messages: [{ role: MARKER, content: "x" }] },
      field: "messages[0].role",
    },
    {
      name: "message content of the wrong type",
      body: { model: "e2e/echo", messages: [{ role: "user", content: { text: MARKER } }] },
      field: "messages[0].content",
    },
    {
      name: "a bad content part",
      body: { model: "e2e/echo", messages: [{ role: "user", content: [{ type: "text", text: 1, note: MARKER }] }] },
      field: "messages[0].content[0].text",
    },
    {
      name: "a bad sort",
      body: { model: "e2e/echo", messages: hello, provider: { sort: MARKER } },
      field: "provider.sort",
    },
    {
      name: "a bad data_collection",
      body: { model: "e2e/echo", messages: hello, provider: { data_collection: MARKER } },
      field: "provider.data_collection",
    },
    {
      name: "a misspelt provider preference",
      body: { model: "e2e/echo", messages: hello, provider: { zdr_only: true } },
      field: "provider.zdr_only",
    },
    {
      name: "an unknown quantization",
      body: { model: "e2e/echo", messages: hello, provider: { quantizations: [MARKER] } },
      field: "provider.quantizations[0]",
    },
    {
      name: "too many stop sequences",
      body: { model: "e2e/echo", messages: hello, stop: Array(17).fill(MARKER) },
      field: "stop",
    },
    {
      name: "a bad tool_choice",
      body: { model: "e2e/echo", messages: hello, tool_choice: MARKER },
      field: "tool_choice",
    },
    {
      name: "a bad response_format",
      body: { model: "e2e/echo", messages: hello, response_format: { type: MARKER } },
      field: "response_format.type",
    },
    {
      name: "logit_bias with a client-chosen key",
      body: { model: "e2e/echo", messages: hello, logit_bias: { [MARKER]: 1 } },
      field: "logit_bias",
    },
    { name: "an over-long user", body: { model: "e2e/echo", messages: hello, user: MARKER.repeat(40) }, field: "user" },
    { name: "empty messages", body: { model: "e2e/echo", messages: [] }, field: "messages" },
  ];
  for (const c of invalid) {
    it(`${c.name}: names the field, never the value`, async () => {
      const res = await h.chat(user.key, c.body);
      const text = await res.clone().text();
      const error = await expectError(res, 400);
      expect(error.metadata).toEqual({ field: c.field });
      expect(error.message).toContain(c.field);
      expect(text).not.toContain(MARKER);
      expect(text).not.toContain("ERRMARKER");
      expect(h.mock.calls()).toEqual([]);
    });
  }

  it("a malformed percent-encoding in an API path", async () => {
    await expectError(await h.get("/api/v1/models/e2e/%E0%A4%A/endpoints"), 400);
  });

  it("GET /api/v1/generation without an id", async () => {
    const error = await expectError(await h.get("/api/v1/generation", user.key), 400);
    expect(error.metadata).toEqual({ field: "id" });
  });
});

describe("401 unauthorized", () => {
  const chatWith = (headers: Record<string, string>) =>
    fetch(`${h.baseUrl}/api/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ model: "e2e/echo", messages: hello }),
    });

  it("a missing key", async () => {
    const error = await expectError(await chatWith({}), 401);
    expect(error.message).toMatch(/^Missing API key/);
    expect(h.mock.calls()).toEqual([]);
  });

  it("a malformed Authorization header", async () => {
    for (const value of [`Token ${user.key}`, "Bearer", `Bearer ${user.key} extra`, user.key]) {
      const error = await expectError(await chatWith({ authorization: value }), 401);
      expect(error.message).toMatch(/^Malformed Authorization header/);
    }
    expect(h.mock.calls()).toEqual([]);
  });

  it("an unknown key (well-formed or not), and the key is never echoed", async () => {
    const unknown = `sk-pv-${"A".repeat(43)}`;
    for (const key of [unknown, "sk-pv-short", `sk-or-${MARKER}`]) {
      const res = await chatWith({ authorization: `Bearer ${key}` });
      const text = await res.clone().text();
      const error = await expectError(res, 401);
      expect(error.message).toBe("Invalid API key.");
      expect(text).not.toContain(key);
    }
    expect(h.mock.calls()).toEqual([]);
  });

  it("a revoked key: the very next request is refused", async () => {
    const other = await h.createUser();
    const ok = await h.chat(other.key, { model: "e2e/echo", messages: hello });
    expect(ok.status).toBe(200);
    h.mock.clearCalls();
    const { revokeApiKey } = await import("@/lib/keys/api-keys");
    await revokeApiKey(other.id, other.keyId);
    const error = await expectError(await h.chat(other.key, { model: "e2e/echo", messages: hello }), 401);
    expect(error.message).toBe("Invalid API key.");
    await expectError(await h.get("/api/v1/key", other.key), 401);
    expect(h.mock.calls()).toEqual([]);
  });

  it("authenticated API routes refuse without a key too", async () => {
    for (const path of ["/api/v1/key", "/api/v1/generation?id=gen-x", "/api/v1/generation/content?id=gen-x"]) {
      await expectError(await h.get(path), 401);
    }
  });
});

describe("404 not found", () => {
  it("an unknown model", async () => {
    const error = await expectError(await h.chat(user.key, { model: "nope/unknown-model", messages: hello }), 404);
    expect(error.message).toBe("Model not found: nope/unknown-model");
    expect(error.metadata).toMatchObject({ code: "model_not_found", model: "nope/unknown-model" });
    expect(h.mock.calls()).toEqual([]);
  });

  it("an unknown model among `models`", async () => {
    const error = await expectError(
      await h.chat(user.key, { models: ["e2e/echo", "nope/other"], messages: hello }),
      404,
    );
    expect(error.message).toBe("Model not found: nope/other");
    expect(h.mock.calls()).toEqual([]);
  });

  it("a policy refusal: the data-policy message and every endpoint with its true step", async () => {
    const error = await expectError(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { zdr: true, ignore: ["e2e-zdr"] } }),
      404,
    );
    expect(error.message.startsWith("No endpoints found matching your data policy")).toBe(true);
    expect(error.message).toBe(
      "No endpoints found matching your data policy (Paid model training, Zero data retention, Request ignore list). Configure: http://privet.test/settings/privacy",
    );
    const metadata = error.metadata as {
      code: string;
      model: string;
      excluded_by: { provider: string; step: string; reason: string }[];
    };
    expect(metadata.code).toBe("privacy_restricted");
    expect(metadata.model).toBe("e2e/echo");
    expect(metadata.excluded_by.map(({ provider, step }) => ({ provider, step }))).toEqual([
      { provider: "e2e-trains", step: "data_policy:training" },
      { provider: "e2e-unknown", step: "data_policy:training" },
      { provider: "e2e-retain", step: "data_policy:zdr" },
      { provider: "e2e-anthropic", step: "data_policy:zdr" },
      { provider: "e2e-zdr", step: "ignore" },
    ]);
    expect(metadata.excluded_by.find((e) => e.provider === "e2e-unknown")!.reason).toMatch(/unknown/);
    expect(h.mock.calls()).toEqual([]);
  });

  it("an unknown API route", async () => {
    const error = await expectError(await h.get("/api/v1/nope", user.key), 404);
    expect(error.message).toBe("No API route /api/v1/nope.");
    await expectError(await h.get("/api/v1/models/nope/nothing/endpoints"), 404);
  });

  it("an unknown or foreign generation id", async () => {
    await expectError(await h.get("/api/v1/generation?id=gen-doesnotexist", user.key), 404);
    await expectError(await h.get("/api/v1/generation/content?id=gen-doesnotexist", user.key), 404);
  });
});

describe("503 service unavailable", () => {
  it("when no endpoint of the model is configured on this server, naming the key to set", async () => {
    const error = await expectError(await h.chat(user.key, { model: "it/unconfigured", messages: hello }), 503);
    expect(error.message).toBe(
      "No provider is configured for it/unconfigured: set one of IT_UNSET_PROVIDER_KEY or run a local model",
    );
    expect(error.metadata).toMatchObject({
      code: "no_provider_configured",
      excluded_by: [{ provider: "it-keyless", step: "unavailable" }],
    });
    expect(h.mock.calls()).toEqual([]);
  });
});

describe("405, 413", () => {
  it("405 for a wrong method, with Allow", async () => {
    const res = await h.get("/api/v1/chat/completions", user.key);
    expect(res.headers.get("allow")).toBe("POST");
    await expectError(res, 405);
    const del = await fetch(`${h.baseUrl}/api/v1/models`, { method: "DELETE" });
    expect(del.headers.get("allow")).toBe("GET");
    await expectError(del, 405);
    expect(h.mock.calls()).toEqual([]);
  });

  it("a body of several MiB, an image in it, is taken (the limit is PRIVET_MAX_BODY_MB, 24 MiB)", async () => {
    const image = `data:image/png;base64,${Buffer.alloc(3 * 1024 * 1024, 7).toString("base64")}`;
    const res = await post(
      "/api/v1/chat/completions",
      JSON.stringify({
        model: "e2e/tools",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "what is this" },
              { type: "image_url", image_url: { url: image } },
            ],
          },
        ],
      }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    await res.text();
    const [call] = h.mock.calls();
    expect(JSON.stringify(call?.body)).toContain(image);
  });

  it("413 for a body over 24 MiB (declared length)", async () => {
    const body = JSON.stringify({
      model: "e2e/echo",
      messages: [{ role: "user", content: `${MARKER} ${"x".repeat(24 * 1024 * 1024)}` }],
    });
    const res = await post("/api/v1/chat/completions", body);
    const text = await res.clone().text();
    const error = await expectError(res, 413);
    expect(error.message).toBe("Request body is larger than 24 MiB.");
    expect(text).not.toContain(MARKER);
    expect(h.mock.calls()).toEqual([]);
  });

  it("413 for a body over 24 MiB sent without a length (chunked)", async () => {
    const piece = new TextEncoder().encode("x".repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0)
          controller.enqueue(new TextEncoder().encode('{"model":"e2e/echo","messages":[{"role":"user","content":"'));
        if (sent >= 26) controller.close();
        else controller.enqueue(piece);
        sent += 1;
      },
    });
    await expectError(await post("/api/v1/chat/completions", stream), 413);
    expect(h.mock.calls()).toEqual([]);
  });
});

describe("upstream errors", () => {
  it("502 when the upstream fails", async () => {
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const error = await expectError(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } }),
      502,
    );
    expect(error.metadata).toMatchObject({ attempts: [{ provider: "e2e-retain", status: 500 }] });
  });

  it("502 when the upstream sends something unreadable, without passing it on", async () => {
    h.mock.setProvider("e2e-retain", { failure: "malformed" });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } });
    const text = await res.clone().text();
    await expectError(res, 502);
    expect(text).not.toContain("chatcmpl-mock");
  });

  it("504 when the upstream does not answer in time", async () => {
    h.mock.setProvider("e2e-retain", { failure: "hang" });
    const error = await expectError(
      await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } }),
      504,
    );
    expect(error.metadata).toMatchObject({
      code: "upstream_timeout",
      attempts: [{ provider: "e2e-retain", status: 504 }],
    });
  });

  it("429 with Retry-After when the only allowed provider rate-limits", async () => {
    h.mock.setProvider("e2e-retain", { failure: "429", retryAfter: 12 });
    const res = await h.chat(user.key, { model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } });
    expect(res.headers.get("retry-after")).toBe("12");
    await expectError(res, 429);
  });
});
