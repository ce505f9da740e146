// Rule 1, the worst defect: content written without opt-in. Requests carry a unique marker in
// their message content (and the mock echoes it back as the completion). With prompt logging off
// the marker must appear nowhere Privet writes: not in the database files (raw bytes, in UTF-8,
// UTF-16 and base64/hex forms), not in any other file of the data directory, not in an error
// body or a header, not in anything the process printed. With logging on the content comes back
// through the content API, and is still not in the database files in any readable form. On
// PostgreSQL "the database files" are every text and bytea value of every table, read through SQL,
// and the server's log (tests/support/database-scan.ts).
import fs from "node:fs";
import path from "node:path";
import util from "node:util";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import { sseChunks, sseData, startHarness, type THarness } from "@/tests/support/harness";
import {
  databaseEntryNames,
  logControl,
  markServerLog,
  readDatabase,
  type TScanned,
  type TServerLog,
} from "@/tests/support/database-scan";

let h: THarness;
/** PostgreSQL: the server log, from where it stood when this file started. */
let serverLog: TServerLog | null = null;

// ---------------------------------------------------------------------------------------------
// What the process prints
// ---------------------------------------------------------------------------------------------

const CHANNELS = [
  "console.log",
  "console.info",
  "console.warn",
  "console.error",
  "console.debug",
  "console.trace",
  "stdout",
  "stderr",
] as const;
type TChannel = (typeof CHANNELS)[number];
const printed = new Map<TChannel, string[]>(CHANNELS.map((c) => [c, []]));
const spies: MockInstance[] = [];

function render(args: unknown[]): string {
  return args
    .map((a) =>
      typeof a === "string"
        ? a
        : Buffer.isBuffer(a) || a instanceof Uint8Array
          ? Buffer.from(a).toString("utf8")
          : util.inspect(a, { depth: 20 }),
    )
    .join(" ");
}

function startCapture() {
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    spies.push(
      vi
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void printed.get(`console.${method}`)!.push(render(args))),
    );
  }
  for (const stream of ["stdout", "stderr"] as const) {
    spies.push(
      vi.spyOn(process[stream], "write").mockImplementation(((chunk: unknown) => {
        printed.get(stream)!.push(render([chunk]));
        return true;
      }) as typeof process.stdout.write),
    );
  }
}

function allPrinted(): string {
  return [...printed.values()].flat().join("\n");
}

// ---------------------------------------------------------------------------------------------
// Markers and where to look for them
// ---------------------------------------------------------------------------------------------

const markers = new Map<string, string>();
function marker(name: string): string {
  const m = `PVTLEAK${name.replace(/[^A-Za-z0-9]/g, "")}${crypto.randomBytes(6).toString("hex")}`;
  markers.set(name, m);
  return m;
}

/** The marker as bytes in every encoding a careless write could use. */
function encodedForms(m: string): { name: string; bytes: Buffer }[] {
  const forms = [
    { name: "utf8", bytes: Buffer.from(m, "utf8") },
    { name: "utf16le", bytes: Buffer.from(m, "utf16le") },
    { name: "utf16be", bytes: Buffer.from(m, "utf16le").swap16() },
    { name: "hex", bytes: Buffer.from(Buffer.from(m).toString("hex")) },
    { name: "HEX", bytes: Buffer.from(Buffer.from(m).toString("hex").toUpperCase()) },
  ];
  // Base64 depends on where the marker starts modulo 3: for each alignment keep the characters
  // that encode marker bytes only.
  for (let pad = 0; pad < 3; pad++) {
    const b64 = Buffer.from("\0".repeat(pad) + m).toString("base64");
    const firstGroup = Math.ceil(pad / 3);
    const endGroup = Math.floor((pad + m.length) / 3);
    const inner = b64.slice(firstGroup * 4, endGroup * 4);
    forms.push({ name: `base64@${pad}`, bytes: Buffer.from(inner) });
    forms.push({ name: `base64url@${pad}`, bytes: Buffer.from(inner.replace(/\+/g, "-").replace(/\//g, "_")) });
  }
  return forms;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * Every file of the data directory (privet.db, privet.db-wal, -shm, the catalog…) as raw bytes;
 * on PostgreSQL also every table's text and bytes, and the server log.
 */
async function dataFiles(): Promise<TScanned[]> {
  const files = filesUnder(h.dir).map((file) => ({ file: path.relative(h.dir, file), bytes: fs.readFileSync(file) }));
  return [...files, ...(await readDatabase(h.dialect, serverLog))];
}

/** The entries of dataFiles() that hold the database, which a scan must have seen. */
function databaseFiles(): string[] {
  return databaseEntryNames(h.dialect, ["Generation", "GenerationContent", "AnonymousSample"]);
}

/** Where `m` occurs in the data files, in any encoded form; [] when nowhere. */
function findInFiles(m: string, files: TScanned[]): string[] {
  const hits: string[] = [];
  for (const { file, bytes } of files)
    for (const form of encodedForms(m)) if (bytes.includes(form.bytes)) hits.push(`${file} (${form.name})`);
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** Bodies of every error response and every error chunk, and every response header, for the sweep. */
const errorTexts: string[] = [];
const headerTexts: string[] = [];

function noteHeaders(res: Response) {
  headerTexts.push([...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n"));
}

async function send(key: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await h.chat(key, body, headers);
  noteHeaders(res);
  const text = await res.text();
  if (res.status >= 400) errorTexts.push(text);
  for (const chunk of res.headers.get("content-type")?.startsWith("text/event-stream") ? sseChunks(text) : []) {
    if (chunk.error) errorTexts.push(JSON.stringify(chunk.error));
  }
  return { res, text, id: res.headers.get("x-privet-generation-id")! };
}

const messagesWith = (m: string) => [
  { role: "system", content: `You are helpful. ${m}` },
  { role: "user", content: `${m} please repeat this` },
];

/** A streaming request aborted by the client once the marker has come back; resolves with its id. */
async function cancelMidStream(key: string, m: string): Promise<string> {
  h.mock.setProvider("e2e-retain", { reply: "echo", tokensPerSecond: 10 });
  // The echo is ~60 words at 10 words/s: the client is always gone long before the end.
  const body = {
    model: "e2e/echo",
    messages: [{ role: "user", content: `${m} ${"and then more words ".repeat(15)}` }],
  };
  const id = await h.chatThenCancel(key, body, m, noteHeaders);
  h.mock.setProvider("e2e-retain", { tokensPerSecond: null });
  return id;
}

async function flushEverything() {
  await h.flush();
  const { anonymousSamples } = await import("@/lib/sampling/sampler");
  await anonymousSamples().flush();
}

beforeAll(async () => {
  // Sample every request, so the sampling path (which categorizes the text) runs too.
  h = await startHarness({ env: { PRIVET_TIMEOUT_FIRST_BYTE_MS: "250", PRIVET_SAMPLE_RATE: "1" } });
  if (h.dialect === "postgresql") serverLog = await markServerLog(process.env.DATABASE_URL!);
  for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic", "e2e-trains", "e2e-unknown"])
    h.mock.setProvider(slug, { reply: "echo" });
  startCapture();
});
afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  await h?.close();
});

describe("prompt logging off: the marker goes nowhere", () => {
  let key: string;
  let userId: string;
  beforeAll(async () => {
    const user = await h.createUser();
    key = user.key;
    userId = user.id;
  });

  it("succeeds (non-streamed, streamed, Messages API)", async () => {
    const m = marker("success");
    const a = await send(key, { model: "e2e/echo", messages: messagesWith(m) });
    expect(a.res.status).toBe(200);
    expect(a.text).toContain(m); // the echo: the completion really carried the marker
    expect(a.res.headers.get("x-privet-content-stored")).toBe("no");
    const b = await send(key, { model: "e2e/echo", messages: messagesWith(m), stream: true });
    expect(b.text).toContain(m);
    const c = await send(key, { model: "e2e/echo", messages: messagesWith(m), provider: { only: ["e2e-anthropic"] } });
    expect(c.text).toContain(m);
    // Nothing to read back.
    expect((await h.get(`/api/v1/generation/content?id=${a.id}`, key)).status).toBe(404);
  });

  it("sends back signed thinking with the marker in it (accepted, and forged so the provider refuses it)", async () => {
    const m = marker("thinking");
    const { MOCK_REDACTED_THINKING, mockSignature } = await import("@/scripts/mock-upstream/server");
    const format = "anthropic-claude-v1";
    const turn = (signature: string) => ({
      role: "assistant",
      content: `${m} answered`,
      reasoning: m,
      reasoning_details: [
        { type: "reasoning.text", text: m, signature, format, index: 0 },
        { type: "reasoning.encrypted", data: MOCK_REDACTED_THINKING, format, index: 1 },
      ],
    });
    for (const [signature, stream, isAccepted] of [
      [mockSignature(m), false, true],
      [`${m}-forged`, true, false],
    ] as const) {
      const r = await send(key, {
        model: "e2e/echo",
        stream,
        max_tokens: 4000,
        reasoning: { max_tokens: 2000 },
        provider: { only: ["e2e-anthropic"], allow_fallbacks: false },
        messages: [...messagesWith(m), turn(signature), { role: "user", content: `${m} again` }],
      });
      // The thinking reached the provider; a forged signature is refused there, in Privet's words.
      expect(h.mock.calls().at(-1)!.body).toMatchObject({ thinking: { type: "enabled" } });
      if (isAccepted) expect(r.res.status).toBe(200);
      else {
        expect(r.text).toContain("error");
        expect(r.text).not.toContain(m);
      }
    }
  });

  it("falls back", async () => {
    const m = marker("fallback");
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const r = await send(key, { model: "e2e/echo", messages: messagesWith(m), stream: true });
    h.mock.setProvider("e2e-retain", { failure: null });
    expect(r.res.headers.get("x-privet-provider")).toBe("e2e-zdr");
  });

  it("fails upstream everywhere (502), malformed, and drops mid-stream", async () => {
    const m = marker("upstreamfail");
    for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"]) h.mock.setProvider(slug, { failure: "500" });
    expect((await send(key, { model: "e2e/echo", messages: messagesWith(m) })).res.status).toBe(502);
    for (const slug of ["e2e-retain", "e2e-zdr", "e2e-anthropic"]) h.mock.setProvider(slug, { failure: null });
    h.mock.setProvider("e2e-retain", { failure: "malformed" });
    expect(
      (await send(key, { model: "e2e/echo", messages: messagesWith(m), provider: { allow_fallbacks: false } })).res
        .status,
    ).toBe(502);
    h.mock.setProvider("e2e-retain", { failure: "drop" });
    const dropped = await send(key, { model: "e2e/echo", messages: messagesWith(m), stream: true });
    expect(sseData(dropped.text)).not.toContain("[DONE]");
    h.mock.setProvider("e2e-retain", { failure: null });
  });

  it("times out", async () => {
    const m = marker("timeout");
    h.mock.setProvider("e2e-retain", { failure: "hang" });
    expect(
      (await send(key, { model: "e2e/echo", messages: messagesWith(m), provider: { allow_fallbacks: false } })).res
        .status,
    ).toBe(504);
    h.mock.setProvider("e2e-retain", { failure: null });
  });

  it("is refused by policy", async () => {
    const m = marker("refused");
    const refused = await send(key, {
      model: "e2e/echo",
      messages: messagesWith(m),
      provider: { only: ["e2e-trains"] },
    });
    expect(refused.res.status).toBe(404);
    expect(refused.res.headers.get("x-privet-content-stored")).toBe("no");
    expect((await send(key, { model: "e2e/echo:free", messages: messagesWith(m) })).res.status).toBe(404);
  });

  it("is invalid, with the marker in the invalid field", async () => {
    const m = marker("invalid");
    const bodies: unknown[] = [
      { model: "e2e/echo", messages: [{ role: "user", content: { text: m } }] },
      { model: "e2e/echo", messages: [{ role: m, content: m }] },
      {
        model: "e2e/echo",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: 42, extra: m },
              { type: m, text: m },
            ],
          },
        ],
      },
      { model: "e2e/echo", messages: [{ role: "tool", content: m }] },
      { model: "e2e/echo", messages: [{ role: "assistant", content: 7, refusal: m }] },
      { model: "e2e/echo", messages: messagesWith(m), temperature: m },
      { model: "e2e/echo", messages: messagesWith(m), stop: Array(20).fill(m) },
      { model: "e2e/echo", messages: messagesWith(m), tool_choice: m },
      {
        model: "e2e/echo",
        messages: messagesWith(m),
        response_format: { type: "json_schema", json_schema: { name: "", description: m } },
      },
      { model: "e2e/echo", messages: messagesWith(m), logit_bias: { [m]: 5 } },
      { model: "e2e/echo", messages: messagesWith(m), provider: { order: m } },
      { messages: messagesWith(m) },
      `{"model":"e2e/echo","messages":[{"role":"user","content":"${m}"}]`,
      JSON.stringify({
        model: "e2e/echo",
        messages: [{ role: "user", content: `${m} ${"z".repeat(25 * 1024 * 1024)}` }],
      }),
    ];
    for (const body of bodies) {
      const r = await send(key, body);
      expect([400, 413]).toContain(r.res.status);
    }
  });

  it("is cancelled mid-stream", async () => {
    const m = marker("cancelled");
    const id = await cancelMidStream(key, m);
    expect((await h.get(`/api/v1/generation/content?id=${id}`, key)).status).toBe(404);
  });

  it("left the marker in no file, no error body, no header and no printed line", async () => {
    // A control that must be found: X-Title is metadata, stored in plain text. It proves the
    // records were flushed into the files scanned below.
    const control = `PVTCONTROL${crypto.randomBytes(6).toString("hex")}`;
    await send(key, { model: "e2e/echo", messages: hello() }, { "x-title": control });
    await flushEverything();
    // PostgreSQL: a line the server must have logged proves the log scanned is the server's own.
    const logged = `PVTLOGCONTROL${crypto.randomBytes(6).toString("hex")}`;
    if (h.dialect === "postgresql") await logControl(process.env.DATABASE_URL!, logged);
    const files = await dataFiles();
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(databaseFiles()));
    expect(findInFiles(control, files).length).toBeGreaterThan(0);
    if (h.dialect === "postgresql") expect(findInFiles(logged, files)).toContain("server log (utf8)");

    expect(await h.db.generationContent.count({ where: { userId } })).toBe(0);
    expect(await h.db.generation.count({ where: { userId } })).toBeGreaterThan(20);
    expect(await h.db.categorySample.count({ where: { userId } })).toBe(0);

    await sweep(files);
    expect(errorTexts.length).toBeGreaterThan(15);
  });
});

/** No marker so far in the data files (in any form), an error body, a header or a printed line. */
async function sweep(scanned?: TScanned[]) {
  const files = scanned ?? (await dataFiles());
  expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(databaseFiles()));
  expect(markers.size).toBeGreaterThan(0);
  for (const [name, m] of markers) {
    expect(findInFiles(m, files), `${name}: data files`).toEqual([]);
    for (const text of errorTexts) expect(text, `${name}: error body`).not.toContain(m);
    for (const text of headerTexts) expect(text, `${name}: headers`).not.toContain(m);
    expect(allPrinted(), `${name}: printed output`).not.toContain(m);
  }
  expect(allPrinted()).not.toContain("PVTLEAK");
}

describe("the print capture", () => {
  it("would have caught a marker on every channel", () => {
    const control = `PVTPRINT${crypto.randomBytes(6).toString("hex")}`;
    console.log(control);
    console.info(control);
    console.warn(control);
    console.error(new Error(control));
    console.debug({ nested: { value: control } });
    console.trace(control);
    process.stdout.write(control);
    process.stderr.write(Buffer.from(control));
    for (const channel of CHANNELS) expect(printed.get(channel)!.join("\n"), channel).toContain(control);
  });
});

function hello() {
  return [{ role: "user", content: "hello there" }];
}

describe("prompt logging on", () => {
  it("stores the content encrypted: readable through the API, never readable in the files", async () => {
    const user = await h.createUser({ promptLogging: true });
    const m = marker("loggedsuccess");
    const r = await send(user.key, { model: "e2e/echo", messages: messagesWith(m) });
    expect(r.res.status).toBe(200);
    expect(r.res.headers.get("x-privet-content-stored")).toBe("yes");

    const read = async (id: string) => {
      const res = await h.get(`/api/v1/generation/content?id=${id}`, user.key);
      expect(res.status).toBe(200);
      return (
        (await res.json()) as {
          data: {
            input: { messages: { role: string; content: string }[] };
            output: { completion: string; is_partial: boolean };
          };
        }
      ).data;
    };
    // Readable at once (still pending in memory)…
    const content = await read(r.id);
    expect(content.input.messages).toEqual(messagesWith(m));
    expect(content.output.completion).toContain(m);
    expect(content.output.is_partial).toBe(false);

    const cm = marker("loggedcancelled");
    const cancelled = await cancelMidStream(user.key, cm);
    const partial = await read(cancelled);
    expect(partial.input.messages[0]!.content).toContain(cm);
    expect(partial.output.completion).toContain(cm);
    expect(partial.output.is_partial).toBe(true);
    const g = (await (await h.get(`/api/v1/generation?id=${cancelled}`, user.key)).json()) as {
      data: { content_stored: boolean };
    };
    expect(g.data.content_stored).toBe(true);

    // …and after the flush, from the database, where it is encrypted.
    await flushEverything();
    expect((await read(r.id)).output.completion).toContain(m);
    expect(await h.db.generationContent.count({ where: { userId: user.id } })).toBe(2);
    const files = await dataFiles();
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(databaseFiles()));
    expect(findInFiles(m, files)).toEqual([]);
    expect(findInFiles(cm, files)).toEqual([]);
    expect(allPrinted()).not.toContain(m);
    expect(allPrinted()).not.toContain(cm);
  });

  it("says so on error responses too, since a failed request's content is stored as well", async () => {
    const user = await h.createUser({ promptLogging: true });
    const m = marker("loggedfailure");
    h.mock.setProvider("e2e-retain", { failure: "500" });
    const failed = await send(user.key, {
      model: "e2e/echo",
      messages: messagesWith(m),
      provider: { allow_fallbacks: false },
    });
    h.mock.setProvider("e2e-retain", { failure: null });
    expect(failed.res.status).toBe(502);
    expect(failed.res.headers.get("x-privet-content-stored")).toBe("yes");
    const content = await h.get(`/api/v1/generation/content?id=${failed.id}`, user.key);
    expect(content.status).toBe(200);
    expect(
      ((await content.json()) as { data: { input: { messages: { content: string }[] } } }).data.input.messages[1]!
        .content,
    ).toContain(m);
    // Invalid requests are never stored, and say so.
    const invalid = await send(user.key, { model: "e2e/echo", messages: messagesWith(m), temperature: "hot" });
    expect(invalid.res.status).toBe(400);
    expect(invalid.res.headers.get("x-privet-content-stored")).toBe("no");
    const tooBig = await send(
      user.key,
      JSON.stringify({ model: "e2e/echo", messages: [{ role: "user", content: "q".repeat(25 * 1024 * 1024) }] }),
    );
    expect(tooBig.res.status).toBe(413);
    expect(tooBig.res.headers.get("x-privet-content-stored")).toBe("no");
    await flushEverything();
    expect(findInFiles(m, await dataFiles())).toEqual([]);
  });

  it("applies from the next request: on stores nothing for earlier requests, off stops storing at once", async () => {
    const user = await h.createUser();
    const before = marker("beforeon");
    const during = marker("whileon");
    const after = marker("afteroff");

    const a = await send(user.key, { model: "e2e/echo", messages: messagesWith(before) });
    await h.updateSettings(user.id, { promptLogging: true });
    const b = await send(user.key, { model: "e2e/echo", messages: messagesWith(during) });
    await h.updateSettings(user.id, { promptLogging: false });
    const c = await send(user.key, { model: "e2e/echo", messages: messagesWith(after) });

    expect([a, b, c].map((r) => r.res.headers.get("x-privet-content-stored"))).toEqual(["no", "yes", "no"]);
    expect((await h.get(`/api/v1/generation/content?id=${a.id}`, user.key)).status).toBe(404);
    expect((await h.get(`/api/v1/generation/content?id=${b.id}`, user.key)).status).toBe(200);
    expect((await h.get(`/api/v1/generation/content?id=${c.id}`, user.key)).status).toBe(404);

    await flushEverything();
    const stored = await h.db.generationContent.findMany({
      where: { userId: user.id },
      select: { generationId: true },
    });
    expect(stored).toEqual([{ generationId: b.id }]);
    const files = await dataFiles();
    for (const m of [before, during, after]) expect(findInFiles(m, files)).toEqual([]);
  });

  it("a request in flight when logging is switched on is not stored (settings as at its start)", async () => {
    const user = await h.createUser();
    const m = marker("inflight");
    h.mock.setProvider("e2e-retain", { reply: "echo", tokensPerSecond: 20 });
    const res = await h.chat(user.key, {
      model: "e2e/echo",
      stream: true,
      messages: [{ role: "user", content: `${m} ${"one two three four five ".repeat(6)}` }],
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-privet-generation-id")!;
    await h.updateSettings(user.id, { promptLogging: true });
    // The premise: the request is still in flight (its record is written when it ends).
    expect((await h.get(`/api/v1/generation?id=${id}`, user.key)).status).toBe(404);
    const text = await res.text();
    h.mock.setProvider("e2e-retain", { tokensPerSecond: null });
    expect(sseData(text).at(-1)).toBe("[DONE]");
    expect(res.headers.get("x-privet-content-stored")).toBe("no");
    expect((await h.get(`/api/v1/generation?id=${id}`, user.key)).status).toBe(200);
    expect((await h.get(`/api/v1/generation/content?id=${id}`, user.key)).status).toBe(404);
    await flushEverything();
    expect(await h.db.generationContent.count({ where: { userId: user.id } })).toBe(0);
    expect(findInFiles(m, await dataFiles())).toEqual([]);
  });
});

describe("after everything, logging on or off", () => {
  it("no marker is readable in the files, an error body, a header or the printed output", async () => {
    await flushEverything();
    await sweep();
  });
});
