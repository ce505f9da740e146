// A fake LLM upstream for tests, e2e runs, the demo and benchmarks: one port plays any number of
// providers, one path prefix per provider slug, speaking OpenAI chat completions
// (`POST /<slug>/v1/chat/completions`), Anthropic Messages (`POST /<slug>/v1/messages`) and OpenAI
// embeddings (`POST /<slug>/v1/embeddings`).
// Behaviour is set per provider through a small control API under `/__mock/` (never through
// request headers, so Privet never has to forward unknown headers to reach it).
//
// It is deliberately self-contained (node:http only, no imports from lib/): it is the oracle the
// adapters are tested against, so it must not share their code. Being the upstream, it records
// request bodies; that is test data, not Privet's storage.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_FALLBACK_WORD, demoTurn, type TDemoTurn } from "./demo";

export type TMockApi = "openai" | "anthropic";

export type TMockFailure = "none" | "400" | "500" | "429" | "hang" | "drop" | "malformed" | "no-done";

export type TMockKnobs = {
  /** "echo" answers with the last user message; any other string is the fixed reply. */
  reply?: string;
  /** Delay before the response starts (headers included): the upstream's time to first token. */
  ttftMs?: number;
  /** Words per second once the reply starts; 0 = unlimited. Also delays non-streamed answers. */
  tokensPerSecond?: number;
  failure?: TMockFailure;
  /** Seconds sent in `Retry-After` with failure "429". */
  retryAfter?: number;
  /**
   * A hostile provider: the last user message is echoed into every field it controls besides the
   * answer — ids, model, finish reasons, system_fingerprint, extra fields, the usage object, error
   * types, `Retry-After` (with failure "429").
   */
  hostile?: boolean;
  /** Replaces the finish reason (Anthropic: stop_reason) with any JSON value. */
  finishReason?: unknown;
  /** Replaces reported usage numbers with any JSON value (fractional, negative, 1e300, strings…). */
  usage?: TMockUsage;
  /** Prompt tokens reported as read from the cache (OpenAI: prompt_tokens_details.cached_tokens; Anthropic: cache_read_input_tokens). */
  cachedTokens?: number;
  /** OpenAI API: a reasoning text sent before the reply (message.reasoning / delta.reasoning), counted as reasoning tokens. */
  reasoning?: string;
  /**
   * OpenAI API, with `reasoning` set: the reasoning also as OpenRouter's `reasoning_details` — the
   * text signed (mockSignature), then an encrypted part (MOCK_REDACTED_THINKING); streamed, the
   * signature comes in a delta of its own after the text.
   */
  reasoningDetails?: boolean;
  /** Anthropic API: prompt tokens reported as written to the cache (cache_creation_input_tokens). */
  cacheWriteTokens?: number;
  /** Anthropic API, with thinking on: a redacted_thinking block (data MOCK_REDACTED_THINKING) follows the thought. */
  redactedThinking?: boolean;
  /**
   * Streams only: sends an unterminated `data:` line of HUGE_LINE_BYTES before the first chunk or
   * after it, then holds the connection open without another byte.
   */
  hugeLine?: "none" | "before-first-chunk" | "after-first-chunk";
  /** Answer a request that offers tools with a call to its first tool, unless it ends with a tool result (see "Tool calls"). */
  toolCalls?: boolean;
  /**
   * Paced streams only (tokensPerSecond > 0), for benchmarks: every STAMP_MARK in the reply is replaced, as its piece is
   * written, with the mock's monotonic clock in microseconds (`process.hrtime`, one clock for every
   * process on the machine), so a client can tell how long each chunk took to reach it.
   */
  stampPieces?: boolean;
};

/** What `stampPieces` replaces with the send time. */
export const STAMP_MARK = "@t";

/** What `usage` may replace; absent keys keep the mock's own count. */
export type TMockUsage = { prompt?: unknown; completion?: unknown; cached?: unknown; reasoning?: unknown };

/** The size of the unterminated line sent with `hugeLine`: past Privet's 4 MiB limit. */
export const HUGE_LINE_BYTES = 6 * 1024 * 1024;

export type TMockCall = {
  provider: string;
  api: TMockApi;
  model: string | null;
  stream: boolean;
  headers: { authorization?: string; "x-api-key"?: string; "anthropic-version"?: string };
  body: unknown;
  /** Set for a call to the embeddings API (api is then "openai") or to Anthropic's count_tokens. */
  route?: "embeddings" | "count_tokens";
};

export type TMockUpstream = {
  url: string;
  port: number;
  /** Merges knobs into the provider's current ones (null resets a knob to its default). */
  setProvider(slug: string, knobs: TMockKnobsInput): void;
  /** Every provider back to the defaults. Recorded calls are kept (see clearCalls). */
  reset(): void;
  calls(): TMockCall[];
  clearCalls(): void;
  close(): Promise<void>;
};

export type TMockKnobsInput = { [K in keyof TMockKnobs]?: TMockKnobs[K] | null };

export type TMockOptions = {
  port?: number;
  host?: string;
  /** Calls kept for GET /__mock/calls, oldest dropped first (benchmarks send millions). */
  maxCalls?: number;
  /**
   * `npm run demo`: a provider the control API has not set writes Markdown replies shaped by the
   * prompt at a reading pace, and some are slower or fail now and then (./demo.ts). Off for tests.
   */
  demo?: boolean;
};

const FAILURES: readonly TMockFailure[] = ["none", "400", "500", "429", "hang", "drop", "malformed", "no-done"];
const KNOB_NAMES = new Set([
  "reply",
  "ttftMs",
  "tokensPerSecond",
  "failure",
  "retryAfter",
  "hostile",
  "finishReason",
  "usage",
  "cachedTokens",
  "reasoning",
  "reasoningDetails",
  "cacheWriteTokens",
  "redactedThinking",
  "hugeLine",
  "toolCalls",
  "stampPieces",
]);
/** Content frames sent before the socket is destroyed with failure "drop". */
const DROP_AFTER_TOKENS = 2;

const JSON_HEADERS = { "content-type": "application/json" };
const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache" };

// ---------------------------------------------------------------------------------------------
// Knobs and the per-provider precomputed reply
// ---------------------------------------------------------------------------------------------

type TReply = {
  text: string;
  /** JSON string literal of `text`, computed once for fixed replies. */
  json: string;
  /** Stream pieces: each word with the whitespace before it; they concatenate to `text`. */
  pieces: string[];
  words: number;
};

type TProviderState = {
  knobs: Required<TMockKnobs>;
  isEcho: boolean;
  /** Precomputed reply when it is fixed (the common, benchmarked case). */
  fixed: TReply | null;
};

function defaultKnobs(slug: string): Required<TMockKnobs> {
  return {
    reply: `Hello from ${slug}.`,
    ttftMs: 0,
    tokensPerSecond: 0,
    failure: "none",
    retryAfter: 1,
    hostile: false,
    finishReason: undefined,
    usage: {},
    cachedTokens: 0,
    reasoning: "",
    reasoningDetails: false,
    cacheWriteTokens: 0,
    redactedThinking: false,
    hugeLine: "none",
    toolCalls: false,
    stampPieces: false,
  };
}

function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Exactly JavaScript's /\s/, so counts match the stream's word pieces (makeReply).
    const isSpace =
      c === 32 ||
      (c >= 9 && c <= 13) ||
      c === 0xa0 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x1680 ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff;
    if (isSpace) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}

function makeReply(text: string): TReply {
  const pieces: string[] = text.match(/\s*\S+/g) ?? [];
  const covered = pieces.join("").length;
  // Trailing whitespace belongs to the last piece so the pieces rebuild the text exactly.
  if (covered < text.length) {
    if (pieces.length > 0) pieces[pieces.length - 1] += text.slice(covered);
    else pieces.push(text);
  }
  return { text, json: JSON.stringify(text), pieces, words: countWords(text) };
}

function truncateReply(reply: TReply, maxWords: number): TReply {
  const pieces = reply.pieces.slice(0, maxWords);
  const text = pieces.join("");
  return { text, json: JSON.stringify(text), pieces, words: countWords(text) };
}

function buildState(knobs: Required<TMockKnobs>): TProviderState {
  const isEcho = knobs.reply === "echo";
  return { knobs, isEcho, fixed: isEcho ? null : makeReply(knobs.reply) };
}

function isNonNegative(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** Checks control-API input; returns a message naming the bad knob, or null. */
function knobError(input: unknown): string | null {
  if (!isRecord(input)) return "knobs must be a JSON object";
  for (const [key, value] of Object.entries(input)) {
    if (!KNOB_NAMES.has(key)) return `unknown knob ${JSON.stringify(key)}`;
    if (value === null) continue;
    if (key === "reply" && typeof value !== "string") return "reply must be a string";
    if ((key === "ttftMs" || key === "tokensPerSecond" || key === "retryAfter") && !isNonNegative(value)) {
      return `${key} must be a non-negative number`;
    }
    if (key === "failure" && !(FAILURES as readonly unknown[]).includes(value))
      return `failure must be one of ${FAILURES.join(", ")}`;
    if (key === "hostile" && typeof value !== "boolean") return "hostile must be a boolean";
    if (key === "usage" && !isRecord(value)) return "usage must be an object";
    if (key === "cachedTokens" && !(Number.isInteger(value) && (value as number) >= 0))
      return "cachedTokens must be a whole number";
    if (key === "reasoning" && typeof value !== "string") return "reasoning must be a string";
    if (key === "cacheWriteTokens" && !(Number.isInteger(value) && (value as number) >= 0))
      return "cacheWriteTokens must be a whole number";
    if (key === "redactedThinking" && typeof value !== "boolean") return "redactedThinking must be true or false";
    if (key === "reasoningDetails" && typeof value !== "boolean") return "reasoningDetails must be true or false";
    if (key === "hugeLine" && !["none", "before-first-chunk", "after-first-chunk"].includes(value as string))
      return "hugeLine must be none, before-first-chunk or after-first-chunk";
    if (key === "toolCalls" && typeof value !== "boolean") return "toolCalls must be true or false";
    if (key === "stampPieces" && typeof value !== "boolean") return "stampPieces must be true or false";
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading requests
// ---------------------------------------------------------------------------------------------

function decodeSlug(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Words of message content: strings, text parts/blocks, and Anthropic tool results. */
function contentWords(content: unknown): number {
  if (typeof content === "string") return countWords(content);
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (typeof part.text === "string") n += countWords(part.text);
    else if (part.content !== undefined) n += contentWords(part.content);
  }
  return n;
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const part of content) if (isRecord(part) && typeof part.text === "string") texts.push(part.text);
  return texts.join("\n");
}

function promptWords(api: TMockApi, body: Record<string, unknown>, messages: unknown[]): number {
  let n = api === "anthropic" ? contentWords(body.system) : 0;
  for (const m of messages) if (isRecord(m)) n += contentWords(m.content);
  return n;
}

function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isRecord(m) && m.role === "user") return contentText(m.content);
  }
  return "";
}

/** The size of base64 data (a data URL's or a bare one's) in whole KB, at least 1. */
function base64Kb(data: string): number {
  const base64 = data.slice(data.indexOf(",") + 1);
  return Math.max(1, Math.round((base64.length * 3) / 4 / 1024));
}

/**
 * What the last user message carried besides text, said the way a model that reads it would
 * start its answer ("I received an image (12 KB) and a PDF “a.pdf” (3 KB)."); "" when nothing.
 * OpenAI-compatible parts (`image_url`, `file`) and Messages blocks (`image`, `document`) alike.
 */
function attachmentNote(messages: unknown[]): string {
  let last: unknown;
  for (let i = messages.length - 1; i >= 0 && last === undefined; i--) {
    const m = messages[i];
    if (isRecord(m) && m.role === "user") last = m.content;
  }
  if (!Array.isArray(last)) return "";
  const seen: string[] = [];
  for (const part of last) {
    if (!isRecord(part)) continue;
    const image = isRecord(part.image_url)
      ? part.image_url.url
      : isRecord(part.source) && part.type === "image"
        ? part.source.data
        : null;
    if (typeof image === "string") seen.push(`an image (${base64Kb(image)} KB)`);
    const file = isRecord(part.file) ? part.file : null;
    const fileData = file
      ? file.file_data
      : isRecord(part.source) && part.type === "document"
        ? part.source.data
        : null;
    if (typeof fileData === "string") {
      const name = file && typeof file.filename === "string" ? ` “${file.filename.slice(0, 80)}”` : "";
      seen.push(`a PDF${name} (${base64Kb(fileData)} KB)`);
    }
  }
  if (seen.length === 0) return "";
  return `I received ${seen.length === 1 ? seen[0] : `${seen.slice(0, -1).join(", ")} and ${seen.at(-1)}`}. `;
}

function maxWordsOf(api: TMockApi, body: Record<string, unknown>): number | null {
  const v = api === "openai" ? (body.max_completion_tokens ?? body.max_tokens) : body.max_tokens;
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null;
}

function readBody(req: http.IncomingMessage, done: (text: string) => void): void {
  const chunks: Buffer[] = [];
  req.on("error", () => {}); // client aborted while sending; nothing to answer
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const [first] = chunks;
    done(chunks.length === 1 && first ? first.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
  });
}

// ---------------------------------------------------------------------------------------------
// Writing responses
// ---------------------------------------------------------------------------------------------

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra?: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, ...extra, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function errorBody(api: TMockApi, status: number, message: string, echo: string | null = null): unknown {
  if (api === "anthropic") {
    const type = echo ?? (status === 429 ? "rate_limit_error" : status === 400 ? "invalid_request_error" : "api_error");
    return { type: "error", error: { type, message: echo ?? message } };
  }
  const type =
    echo ?? (status === 429 ? "rate_limit_exceeded" : status === 400 ? "invalid_request_error" : "server_error");
  return { error: { message: echo ?? message, type, code: echo ?? status } };
}

/** Per-response cancellation: timers stop when the client goes away or the server closes. */
type TLive = { isClosed: boolean; timer: NodeJS.Timeout | null };

function track(res: http.ServerResponse): TLive {
  const live: TLive = { isClosed: false, timer: null };
  // A client that goes away mid-answer is normal here (drop tests, timeouts), not an error.
  res.on("error", () => {});
  res.on("close", () => {
    live.isClosed = true;
    if (live.timer) clearTimeout(live.timer);
  });
  return live;
}

function later(live: TLive, ms: number, fn: () => void): void {
  live.timer = setTimeout(() => {
    live.timer = null;
    if (!live.isClosed) fn();
  }, ms);
}

function destroyAfterFlush(res: http.ServerResponse, text: string): void {
  // Wait for the bytes to reach the socket, so the client really sees a partial answer.
  res.write(text, () => setImmediate(() => res.socket?.destroy()));
}

type TFrames = {
  status?: number;
  headers: Record<string, string | number>;
  /** Written with the headers. */
  lead: string;
  /** One per reply word; the first goes with `lead`, the others `intervalMs` apart. */
  paced: string[];
  /** Written with the last paced frame. */
  tail: string;
  /** "hold": everything is written, then the response stays open without another byte. */
  finish: "end" | "destroy" | "hold";
  /** Knob `stampPieces`: STAMP_MARK becomes the send time in every paced write. */
  isStamped?: boolean;
};

/** An unterminated `data:` line past Privet's limit (knob `hugeLine`). */
const hugeLine = (): string => `data: ${"x".repeat(HUGE_LINE_BYTES)}`;

function sendFrames(res: http.ServerResponse, frames: TFrames, intervalMs: number, live: TLive | null): void {
  const { lead, paced, tail } = frames;
  if (intervalMs <= 0 || paced.length <= 1 || !live) {
    const all = lead + paced.join("") + tail;
    if (frames.finish === "hold") {
      res.writeHead(frames.status ?? 200, frames.headers);
      res.write(all);
    } else if (frames.finish === "end") {
      res.writeHead(frames.status ?? 200, { ...frames.headers, "content-length": Buffer.byteLength(all) });
      res.end(all);
    } else {
      res.writeHead(frames.status ?? 200, frames.headers);
      destroyAfterFlush(res, all);
    }
    return;
  }
  res.writeHead(frames.status ?? 200, frames.headers);
  const stamped = (text: string): string =>
    frames.isStamped ? text.replaceAll(STAMP_MARK, String(process.hrtime.bigint() / 1000n)) : text;
  res.write(stamped(lead + paced[0]));
  const start = Date.now();
  let i = 1;
  const step = (): void => {
    // Write every piece that is due (timers can lag under load), at least one per tick; a step is
    // only scheduled while a piece remains.
    let text = paced[i++]!;
    const now = Date.now();
    while (i < paced.length && start + i * intervalMs <= now) text += paced[i++];
    text = stamped(text);
    if (i < paced.length) {
      res.write(text);
      later(live, start + i * intervalMs - now, step);
    } else if (frames.finish === "end") res.end(text + tail);
    else destroyAfterFlush(res, text + tail);
  };
  later(live, start + intervalMs - Date.now(), step);
}

// ---------------------------------------------------------------------------------------------
// The two APIs
// ---------------------------------------------------------------------------------------------

type TTurn = {
  api: TMockApi;
  id: string;
  modelJson: string;
  created: number;
  reply: TReply;
  promptTokens: number;
  isTruncated: boolean;
  includeUsage: boolean;
  /** Anthropic extended thinking, when the request turned it on: one fixed thought before the reply. */
  thinking: TReply | null;
  /** OpenAI reasoning (the `reasoning` knob), sent before the reply. */
  reasoning: TReply | null;
  /** The reasoning also as signed and encrypted `reasoning_details` (knob `reasoningDetails`). */
  reasoningDetails: boolean;
  /** The hostile echo (the last user message), or null. */
  echo: string | null;
  /** JSON of the finish reason to send, when the knob replaces it. */
  finishJson: string | null;
  usage: TMockUsage;
  cached: number;
  cacheWrite: number;
  redacted: boolean;
};

/** The reported count: the knob's replacement when it has one, else the mock's own. */
function reported(usage: TMockUsage, key: keyof TMockUsage, own: number): unknown {
  return key in usage ? usage[key] : own;
}

function openaiUsage(t: TTurn, replyWords: number): string {
  const reasoning = t.reasoning?.words ?? 0;
  const prompt = reported(t.usage, "prompt", t.promptTokens);
  const completion = reported(t.usage, "completion", replyWords + reasoning);
  const usage: Record<string, unknown> = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: typeof prompt === "number" && typeof completion === "number" ? prompt + completion : prompt,
    prompt_tokens_details: { cached_tokens: reported(t.usage, "cached", t.cached) },
    completion_tokens_details: { reasoning_tokens: reported(t.usage, "reasoning", reasoning) },
  };
  if (t.echo !== null) usage.note = t.echo;
  return `"usage":${JSON.stringify(usage)}`;
}

/** Anthropic's usage fields (input tokens exclude cache reads there). */
function anthropicUsage(t: TTurn, output: number, withInput: boolean): string {
  const usage: Record<string, unknown> = { output_tokens: reported(t.usage, "completion", output) };
  if (withInput) {
    usage.input_tokens = reported(t.usage, "prompt", Math.max(0, t.promptTokens - t.cached - t.cacheWrite));
    usage.cache_creation_input_tokens = t.cacheWrite;
    usage.cache_read_input_tokens = reported(t.usage, "cached", t.cached);
  }
  if (t.echo !== null) usage.note = t.echo;
  return `"usage":${JSON.stringify(usage)}`;
}

/** The hostile extras of an object (`,"x_note":…`), or nothing. */
const extra = (t: TTurn): string => (t.echo === null ? "" : `,"x_note":${JSON.stringify(t.echo)}`);

/** What the mock "thinks" when an Anthropic request enables thinking (counted as output tokens). */
export const MOCK_THOUGHT = "Weighing the question before answering.";

/** What the mock's redacted_thinking blocks hold (knob `redactedThinking`). */
export const MOCK_REDACTED_THINKING = "mock-redacted-thinking-data";

/** The signature the mock gives a thought, and checks when a thinking block comes back. */
export function mockSignature(thought: string): string {
  return `mock-sig-${crypto.createHash("sha256").update(thought).digest("base64url").slice(0, 22)}`;
}

/** The thinking blocks of a turn, as JSON array items (with a trailing comma), or "". */
function thoughtBlocks(t: TTurn): string {
  if (!t.thinking) return "";
  const thought = `{"type":"thinking","thinking":${t.thinking.json},"signature":"${mockSignature(t.thinking.text)}"},`;
  return t.redacted ? `${thought}{"type":"redacted_thinking","data":"${MOCK_REDACTED_THINKING}"},` : thought;
}

/** The thinking blocks of a streamed turn, from content block 0; with the number of blocks they take. */
function thoughtFrames(t: TTurn): { frames: string; blocks: number } {
  if (!t.thinking) return { frames: "", blocks: 0 };
  let frames =
    `event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}\n\n` +
    `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":${t.thinking.json}}}\n\n` +
    `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"${mockSignature(t.thinking.text)}"}}\n\n` +
    `event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n`;
  if (!t.redacted) return { frames, blocks: 1 };
  frames +=
    `event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"${MOCK_REDACTED_THINKING}"}}\n\n` +
    `event: content_block_stop\ndata: {"type":"content_block_stop","index":1}\n\n`;
  return { frames, blocks: 2 };
}

/**
 * Anthropic's rules for thinking blocks sent back in assistant turns: each thinking block carries
 * the signature it was given and each redacted block its data unchanged; with thinking on, a turn
 * that called tools and whose results end the conversation starts with its thinking.
 */
function returnedThinkingProblem(body: Record<string, unknown>, messages: unknown[]): string | null {
  let lastAssistant: Record<string, unknown> | null = null;
  for (const m of messages) {
    if (!isRecord(m) || m.role !== "assistant") continue;
    lastAssistant = m;
    if (!Array.isArray(m.content)) continue;
    for (const block of m.content) {
      if (!isRecord(block)) continue;
      if (
        block.type === "thinking" &&
        (typeof block.thinking !== "string" || block.signature !== mockSignature(block.thinking))
      )
        return "Invalid `signature` in `thinking` block";
      if (block.type === "redacted_thinking" && block.data !== MOCK_REDACTED_THINKING)
        return "Invalid `data` in `redacted_thinking` block";
    }
  }
  if (body.thinking === undefined || lastAssistant === null || !Array.isArray(lastAssistant.content)) return null;
  const blocks = lastAssistant.content.filter(isRecord);
  const last = messages[messages.length - 1];
  const endsWithResult =
    isRecord(last) && Array.isArray(last.content) && last.content.some((b) => isRecord(b) && b.type === "tool_result");
  if (endsWithResult && blocks.some((b) => b.type === "tool_use")) {
    const first = blocks[0]?.type;
    if (first !== "thinking" && first !== "redacted_thinking")
      return "Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block";
  }
  return null;
}

/** Anthropic's rules for a request with extended thinking; the first one broken, or null. */
function thinkingProblem(body: Record<string, unknown>): string | null {
  const thinking = body.thinking;
  if (thinking === undefined) return null;
  if (!isRecord(thinking) || thinking.type !== "enabled") return "thinking.type must be enabled";
  const budget = thinking.budget_tokens;
  if (typeof budget !== "number" || !Number.isInteger(budget) || budget < 1024)
    return "thinking.budget_tokens must be at least 1024";
  if (typeof body.max_tokens === "number" && budget >= body.max_tokens)
    return "max_tokens must be greater than thinking.budget_tokens";
  if (body.temperature !== undefined && body.temperature !== 1)
    return "temperature may only be set to 1 when thinking is enabled";
  if (body.top_k !== undefined) return "top_k cannot be set when thinking is enabled";
  if (typeof body.top_p === "number" && body.top_p < 0.95)
    return "top_p must be between 0.95 and 1 when thinking is enabled";
  if (isRecord(body.tool_choice) && (body.tool_choice.type === "any" || body.tool_choice.type === "tool")) {
    return "tool_choice cannot force tool use when thinking is enabled";
  }
  return null;
}

/** The finish reason's JSON: the knob's, the echo, or the mock's own. */
function finishJson(t: TTurn, own: string): string {
  return t.finishJson ?? (t.echo !== null ? JSON.stringify(t.echo) : `"${own}"`);
}

/** The format the mock's OpenAI-compatible reasoning details name. */
export const MOCK_REASONING_FORMAT = "mock-reasoning-v1";

/** A message's reasoning fields (`,"reasoning":…` and the details when asked for), or "". */
function openaiReasoning(t: TTurn): string {
  if (!t.reasoning) return "";
  if (!t.reasoningDetails) return `,"reasoning":${t.reasoning.json}`;
  const details = [
    {
      type: "reasoning.text",
      text: t.reasoning.text,
      signature: mockSignature(t.reasoning.text),
      format: MOCK_REASONING_FORMAT,
      index: 0,
    },
    { type: "reasoning.encrypted", data: MOCK_REDACTED_THINKING, format: MOCK_REASONING_FORMAT, index: 1 },
  ];
  return `,"reasoning":${t.reasoning.json},"reasoning_details":${JSON.stringify(details)}`;
}

/** A streamed thought's deltas (after `head`): the text, then with details its signature and the encrypted part. */
function openaiReasoningFrames(t: TTurn, head: string): string {
  if (!t.reasoning) return "";
  const frame = (delta: Record<string, unknown>) =>
    `${head}{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":null}]}\n\n`;
  if (!t.reasoningDetails) return frame({ reasoning: t.reasoning.text });
  const format = MOCK_REASONING_FORMAT;
  return (
    frame({
      reasoning: t.reasoning.text,
      reasoning_details: [{ type: "reasoning.text", text: t.reasoning.text, format, index: 0 }],
    }) +
    frame({
      reasoning_details: [{ type: "reasoning.text", signature: mockSignature(t.reasoning.text), format, index: 0 }],
    }) +
    frame({ reasoning_details: [{ type: "reasoning.encrypted", data: MOCK_REDACTED_THINKING, format, index: 1 }] })
  );
}

function openaiCompletion(t: TTurn): string {
  const fr = finishJson(t, t.isTruncated ? "length" : "stop");
  const native =
    t.echo !== null ? `,"native_finish_reason":${JSON.stringify(t.echo)},"x_note":${JSON.stringify(t.echo)}` : "";
  const reasoning = openaiReasoning(t);
  const fingerprint = t.echo !== null ? `,"system_fingerprint":${JSON.stringify(t.echo)}` : "";
  return (
    `{"id":"${t.id}","object":"chat.completion","created":${t.created},"model":${t.modelJson}${fingerprint}${extra(t)},` +
    `"choices":[{"index":0,"message":{"role":"assistant","content":${t.reply.json},"refusal":null${reasoning}},"logprobs":null,"finish_reason":${fr}${native}}],` +
    `${openaiUsage(t, t.reply.words)}}`
  );
}

const thoughtWords = (t: TTurn): number => t.thinking?.words ?? 0;

function anthropicMessage(t: TTurn): string {
  const sr = finishJson(t, t.isTruncated ? "max_tokens" : "end_turn");
  const thought = thoughtBlocks(t);
  return (
    `{"id":"${t.id}","type":"message","role":"assistant","model":${t.modelJson}${extra(t)},` +
    `"content":[${thought}{"type":"text","text":${t.reply.json}}],"stop_reason":${sr},"stop_sequence":null,` +
    `${anthropicUsage(t, t.reply.words + thoughtWords(t), true)}}`
  );
}

function openaiFrames(t: TTurn, failure: TMockFailure, huge: TMockKnobs["hugeLine"]): TFrames {
  const fingerprint =
    t.echo !== null ? `"system_fingerprint":${JSON.stringify(t.echo)},"x_note":${JSON.stringify(t.echo)},` : "";
  const head = `data: {"id":"${t.id}","object":"chat.completion.chunk","created":${t.created},"model":${t.modelJson},${fingerprint}"choices":[`;
  const thought = openaiReasoningFrames(t, head);
  const lead = `${head}{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n${thought}`;
  const usage = openaiUsage(t, t.reply.words);
  const fr = finishJson(t, t.isTruncated ? "length" : "stop");
  const native = t.echo !== null ? `,"native_finish_reason":${JSON.stringify(t.echo)}` : "";
  const piece = (p: string): string =>
    `${head}{"index":0,"delta":{"content":${JSON.stringify(p)}},"logprobs":null,"finish_reason":null}]}\n\n`;
  if (huge === "before-first-chunk")
    return { headers: SSE_HEADERS, lead: hugeLine(), paced: [], tail: "", finish: "hold" };
  if (huge === "after-first-chunk")
    return {
      headers: SSE_HEADERS,
      lead: lead + piece(t.reply.pieces[0] ?? "") + hugeLine(),
      paced: [],
      tail: "",
      finish: "hold",
    };

  if (failure === "malformed") {
    return {
      headers: SSE_HEADERS,
      lead,
      paced: [`data: {"id":"${t.id}","choices":[{"delta":{"content": nope}}\n\ndata: ]]garbage[[\n\n`],
      tail: "data: [DONE]\n\n",
      finish: "end",
    };
  }
  if (failure === "drop") {
    return {
      headers: SSE_HEADERS,
      lead,
      paced: t.reply.pieces.slice(0, DROP_AFTER_TOKENS).map(piece),
      tail: "",
      finish: "destroy",
    };
  }
  // OpenAI puts usage in an extra chunk with no choices when asked (include_usage); without it
  // the mock still reports usage, on the finishing chunk, as many OpenAI-compatible servers do.
  let tail = t.includeUsage
    ? `${head}{"index":0,"delta":{},"logprobs":null,"finish_reason":${fr}${native}}]}\n\n${head}],${usage}}\n\n`
    : `${head}{"index":0,"delta":{},"logprobs":null,"finish_reason":${fr}${native}}],${usage}}\n\n`;
  if (failure !== "no-done") tail += "data: [DONE]\n\n";
  return { headers: SSE_HEADERS, lead, paced: t.reply.pieces.map(piece), tail, finish: "end" };
}

function anthropicFrames(t: TTurn, failure: TMockFailure, huge: TMockKnobs["hugeLine"]): TFrames {
  // With thinking, block 0 is the thought (its text, then its signature), block 1 the redacted
  // thinking when asked for, and the reply comes after them.
  const { frames: thought, blocks: at } = thoughtFrames(t);
  const lead =
    `event: message_start\ndata: {"type":"message_start","message":{"id":"${t.id}","type":"message","role":"assistant",` +
    `"model":${t.modelJson}${extra(t)},"content":[],"stop_reason":null,"stop_sequence":null,` +
    `${anthropicUsage(t, 1, true)}}}\n\n` +
    thought +
    `event: content_block_start\ndata: {"type":"content_block_start","index":${at},"content_block":{"type":"text","text":""}}\n\n` +
    `event: ping\ndata: {"type":"ping"}\n\n`;
  const piece = (p: string): string =>
    `event: content_block_delta\ndata: {"type":"content_block_delta","index":${at},"delta":{"type":"text_delta","text":${JSON.stringify(p)}}}\n\n`;
  if (huge === "before-first-chunk")
    return { headers: SSE_HEADERS, lead: hugeLine(), paced: [], tail: "", finish: "hold" };
  if (huge === "after-first-chunk")
    return {
      headers: SSE_HEADERS,
      lead: lead + piece(t.reply.pieces[0] ?? "") + hugeLine(),
      paced: [],
      tail: "",
      finish: "hold",
    };
  if (failure === "malformed") {
    return {
      headers: SSE_HEADERS,
      lead,
      paced: [
        `event: content_block_delta\ndata: {"type":"content_block_delta","index":${at},"delta":{"type":"text_delta","text": nope\n\n`,
      ],
      tail: `event: message_stop\ndata: {"type":"message_stop"}\n\n`,
      finish: "end",
    };
  }
  if (failure === "drop") {
    return {
      headers: SSE_HEADERS,
      lead,
      paced: t.reply.pieces.slice(0, DROP_AFTER_TOKENS).map(piece),
      tail: "",
      finish: "destroy",
    };
  }
  const sr = finishJson(t, t.isTruncated ? "max_tokens" : "end_turn");
  let tail =
    `event: content_block_stop\ndata: {"type":"content_block_stop","index":${at}}\n\n` +
    `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":${sr},"stop_sequence":null},` +
    `${anthropicUsage(t, t.reply.words + thoughtWords(t), false)}}\n\n`;
  if (failure !== "no-done") tail += `event: message_stop\ndata: {"type":"message_stop"}\n\n`;
  return { headers: SSE_HEADERS, lead, paced: t.reply.pieces.map(piece), tail, finish: "end" };
}

// ---------------------------------------------------------------------------------------------
// Tool calls (knob `toolCalls`): a request that offers tools gets a call to its first tool with
// MOCK_TOOL_ARGUMENTS, in each API's own shape, streamed or not; once the conversation ends with
// the tool's result, the usual reply follows.
// ---------------------------------------------------------------------------------------------

/** The arguments of every mock tool call. */
export const MOCK_TOOL_ARGUMENTS = '{"city":"Paris"}';

type TToolCall = { id: string; name: string };

/** The tool to call: the request's first tool, unless its last message already answers a call. */
function toolToCall(
  api: TMockApi,
  body: Record<string, unknown>,
  messages: unknown[],
  sequence: number,
): TToolCall | null {
  const tools = body.tools;
  if (!Array.isArray(tools) || tools.length === 0 || !isRecord(tools[0])) return null;
  const last = messages[messages.length - 1];
  if (!isRecord(last)) return null;
  if (api === "openai") {
    if (last.role === "tool") return null;
    const fn = tools[0].function;
    return isRecord(fn) && typeof fn.name === "string" ? { id: `call_mock_${sequence}`, name: fn.name } : null;
  }
  if (Array.isArray(last.content) && last.content.some((block) => isRecord(block) && block.type === "tool_result"))
    return null;
  return typeof tools[0].name === "string" ? { id: `toolu_mock_${sequence}`, name: tools[0].name } : null;
}

const toolUsage = (t: TTurn, api: TMockApi): string =>
  api === "openai"
    ? `"usage":{"prompt_tokens":${t.promptTokens},"completion_tokens":3,"total_tokens":${t.promptTokens + 3}}`
    : `"usage":{"input_tokens":${t.promptTokens},"output_tokens":3}`;

function openaiToolCompletion(t: TTurn, call: TToolCall): string {
  const calls = `[{"id":"${call.id}","type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":${JSON.stringify(MOCK_TOOL_ARGUMENTS)}}}]`;
  return (
    `{"id":"${t.id}","object":"chat.completion","created":${t.created},"model":${t.modelJson},` +
    `"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":${calls},"refusal":null${openaiReasoning(t)}},"logprobs":null,"finish_reason":"tool_calls"}],` +
    `${toolUsage(t, "openai")}}`
  );
}

function openaiToolFrames(t: TTurn, call: TToolCall): TFrames {
  const head = `data: {"id":"${t.id}","object":"chat.completion.chunk","created":${t.created},"model":${t.modelJson},"choices":[`;
  const lead = `${head}{"index":0,"delta":{"role":"assistant","content":null},"logprobs":null,"finish_reason":null}]}\n\n${openaiReasoningFrames(t, head)}`;
  const open = `${head}{"index":0,"delta":{"tool_calls":[{"index":0,"id":"${call.id}","type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":""}}]},"logprobs":null,"finish_reason":null}]}\n\n`;
  const args = `${head}{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":${JSON.stringify(MOCK_TOOL_ARGUMENTS)}}}]},"logprobs":null,"finish_reason":null}]}\n\n`;
  const tail = `${head}{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}\n\n${head}],${toolUsage(t, "openai")}}\n\ndata: [DONE]\n\n`;
  return { headers: SSE_HEADERS, lead, paced: [open, args], tail, finish: "end" };
}

function anthropicToolMessage(t: TTurn, call: TToolCall): string {
  return (
    `{"id":"${t.id}","type":"message","role":"assistant","model":${t.modelJson},` +
    `"content":[${thoughtBlocks(t)}{"type":"tool_use","id":"${call.id}","name":${JSON.stringify(call.name)},"input":${MOCK_TOOL_ARGUMENTS}}],` +
    `"stop_reason":"tool_use","stop_sequence":null,${toolUsage(t, "anthropic")}}`
  );
}

function anthropicToolFrames(t: TTurn, call: TToolCall): TFrames {
  // With thinking, the thought (and redacted thinking) come first, as Anthropic sends them.
  const { frames: thought, blocks: at } = thoughtFrames(t);
  const lead =
    `event: message_start\ndata: {"type":"message_start","message":{"id":"${t.id}","type":"message","role":"assistant",` +
    `"model":${t.modelJson},"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":${t.promptTokens},"output_tokens":1}}}\n\n` +
    thought +
    `event: content_block_start\ndata: {"type":"content_block_start","index":${at},"content_block":{"type":"tool_use","id":"${call.id}","name":${JSON.stringify(call.name)},"input":{}}}\n\n`;
  const args = `event: content_block_delta\ndata: {"type":"content_block_delta","index":${at},"delta":{"type":"input_json_delta","partial_json":${JSON.stringify(MOCK_TOOL_ARGUMENTS)}}}\n\n`;
  const tail =
    `event: content_block_stop\ndata: {"type":"content_block_stop","index":${at}}\n\n` +
    `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":3}}\n\n` +
    `event: message_stop\ndata: {"type":"message_stop"}\n\n`;
  return { headers: SSE_HEADERS, lead, paced: [args], tail, finish: "end" };
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

export async function startMockUpstream(options: TMockOptions = {}): Promise<TMockUpstream> {
  const host = options.host ?? "127.0.0.1";
  const maxCalls = Math.max(1, options.maxCalls ?? 10_000);
  const states = new Map<string, TProviderState>();
  // Demo mode: providers the control API has set (they behave as told), requests per provider, and
  // the fallback prompts whose first attempt has failed (the next attempt answers).
  const customized = new Set<string>();
  const demoCounts = new Map<string, number>();
  const failedFallbacks = new Set<string>();
  // Ring buffer of recorded calls.
  let callRing: TMockCall[] = [];
  let callStart = 0;
  let sequence = 0;

  function stateFor(slug: string): TProviderState {
    let s = states.get(slug);
    if (!s) {
      s = buildState(defaultKnobs(slug));
      states.set(slug, s);
    }
    return s;
  }

  function setProvider(slug: string, input: TMockKnobsInput): void {
    const problem = knobError(input);
    if (problem) throw new Error(`mock upstream: ${problem}`);
    const defaults = defaultKnobs(slug);
    const merged: Record<string, unknown> = { ...stateFor(slug).knobs };
    for (const [key, value] of Object.entries(input)) {
      merged[key] = value === null || value === undefined ? defaults[key as keyof TMockKnobs] : value;
    }
    states.set(slug, buildState(merged as Required<TMockKnobs>));
    customized.add(slug);
  }

  function demoFor(slug: string, prompt: string): TDemoTurn {
    const count = (demoCounts.get(slug) ?? 0) + 1;
    demoCounts.set(slug, count);
    const isFallbackPrompt = prompt.toLowerCase().includes(DEMO_FALLBACK_WORD);
    const isRetry = isFallbackPrompt && failedFallbacks.delete(prompt);
    const turn = demoTurn(slug, prompt, count, isRetry);
    if (isFallbackPrompt && turn.failure !== "none") {
      if (failedFallbacks.size > 1000) failedFallbacks.clear();
      failedFallbacks.add(prompt);
    }
    return turn;
  }

  function record(call: TMockCall): void {
    if (callRing.length < maxCalls) callRing.push(call);
    else {
      callRing[callStart] = call;
      callStart = (callStart + 1) % maxCalls;
    }
  }

  function calls(): TMockCall[] {
    return callStart === 0 ? callRing.slice() : callRing.slice(callStart).concat(callRing.slice(0, callStart));
  }

  function clearCalls(): void {
    callRing = [];
    callStart = 0;
  }

  function handleControl(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    const method = req.method ?? "GET";
    if (path === "/__mock/calls") {
      if (method === "GET") return sendJson(res, 200, calls());
      if (method === "DELETE") {
        clearCalls();
        res.writeHead(204).end();
        return;
      }
    } else if (path === "/__mock/providers" && method === "DELETE") {
      states.clear();
      customized.clear();
      res.writeHead(204).end();
      return;
    } else if (path.startsWith("/__mock/providers/")) {
      const slug = decodeSlug(path.slice("/__mock/providers/".length));
      if (slug === null || slug.length === 0 || slug.includes("/"))
        return sendJson(res, 404, { error: "unknown control path" });
      if (method === "GET") return sendJson(res, 200, stateFor(slug).knobs);
      if (method === "DELETE") {
        states.delete(slug);
        customized.delete(slug);
        res.writeHead(204).end();
        return;
      }
      if (method === "PUT") {
        readBody(req, (text) => {
          let input: unknown;
          try {
            input = JSON.parse(text);
          } catch {
            return sendJson(res, 400, { error: "knobs must be JSON" });
          }
          const problem = knobError(input);
          if (problem) return sendJson(res, 400, { error: problem });
          setProvider(slug, input as TMockKnobsInput);
          sendJson(res, 200, stateFor(slug).knobs);
        });
        return;
      }
    } else {
      return sendJson(res, 404, { error: "unknown control path" });
    }
    sendJson(res, 405, { error: "method not allowed" });
  }

  function handleCompletion(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    slug: string,
    api: TMockApi,
    text: string,
  ): void {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, errorBody(api, 400, "request body is not valid JSON"));
    }
    if (!isRecord(body)) return sendJson(res, 400, errorBody(api, 400, "request body must be a JSON object"));
    const stream = body.stream === true;
    const model = typeof body.model === "string" ? body.model : null;
    const h = req.headers;
    const headers: TMockCall["headers"] = {};
    if (typeof h.authorization === "string") headers.authorization = h.authorization;
    if (typeof h["x-api-key"] === "string") headers["x-api-key"] = h["x-api-key"];
    if (typeof h["anthropic-version"] === "string") headers["anthropic-version"] = h["anthropic-version"];
    record({ provider: slug, api, model, stream, headers, body });

    // Reject what the real APIs reject, so an adapter bug fails loudly in tests.
    const messages = body.messages;
    if (model === null || model.length === 0) return sendJson(res, 400, errorBody(api, 400, "model is required"));
    if (!Array.isArray(messages)) return sendJson(res, 400, errorBody(api, 400, "messages must be an array"));
    if (api === "anthropic" && typeof body.max_tokens !== "number") {
      return sendJson(res, 400, errorBody(api, 400, "max_tokens is required"));
    }
    const badThinking = api === "anthropic" ? (thinkingProblem(body) ?? returnedThinkingProblem(body, messages)) : null;
    if (badThinking) return sendJson(res, 400, errorBody(api, 400, badThinking));

    const state = stateFor(slug);
    const { retryAfter, hostile, hugeLine: huge } = state.knobs;
    let { failure, ttftMs, tokensPerSecond } = state.knobs;
    const demo = options.demo && !customized.has(slug) ? demoFor(slug, lastUserText(messages)) : null;
    if (demo) ({ failure, ttftMs, tokensPerSecond } = demo);
    // The hostile echo: the prompt as a provider could send it back outside the answer.
    const echo = hostile ? lastUserText(messages) : null;
    if (failure === "hang") return; // accepted, never answered; close() destroys the socket

    // The demo's echo model still echoes; its other models write a reply for the prompt.
    // The echo and the demo say what they received besides text (images, PDFs); a fixed reply stays fixed.
    const note = demo || !state.fixed ? attachmentNote(messages) : "";
    let reply = demo
      ? makeReply(note + (model === "echo" ? lastUserText(messages) : demo.text))
      : (state.fixed ?? makeReply(note + lastUserText(messages)));
    const maxWords = maxWordsOf(api, body);
    const isTruncated = maxWords !== null && maxWords < reply.words;
    if (isTruncated) reply = truncateReply(reply, maxWords);
    sequence++;
    const turn: TTurn = {
      api,
      id:
        echo !== null
          ? echo.replace(/[^A-Za-z0-9 _-]/g, "_")
          : api === "openai"
            ? `chatcmpl-mock-${sequence}`
            : `msg_mock_${sequence}`,
      modelJson: JSON.stringify(echo ?? model),
      created: Math.floor(Date.now() / 1000),
      reply,
      promptTokens: promptWords(api, body, messages),
      isTruncated,
      includeUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
      thinking: api === "anthropic" && body.thinking !== undefined ? makeReply(MOCK_THOUGHT) : null,
      reasoning: api === "openai" && state.knobs.reasoning.length > 0 ? makeReply(state.knobs.reasoning) : null,
      reasoningDetails: state.knobs.reasoningDetails,
      echo,
      finishJson: state.knobs.finishReason === undefined ? null : JSON.stringify(state.knobs.finishReason),
      usage: state.knobs.usage,
      cached: state.knobs.cachedTokens,
      cacheWrite: api === "anthropic" ? state.knobs.cacheWriteTokens : 0,
      redacted: state.knobs.redactedThinking,
    };
    const intervalMs = tokensPerSecond > 0 ? 1000 / tokensPerSecond : 0;
    const needsTimers = ttftMs > 0 || intervalMs > 0;
    const live = needsTimers ? track(res) : null;

    const respond = (): void => {
      if (failure === "500") return sendJson(res, 500, errorBody(api, 500, "mock upstream failure", echo));
      // The provider refuses the request itself (an invalid request for it).
      if (failure === "400") return sendJson(res, 400, errorBody(api, 400, "mock upstream bad request", echo));
      if (failure === "429") {
        const header = echo !== null ? echo.replace(/[^\x20-\x7e]/g, "?") : String(retryAfter);
        return sendJson(res, 429, errorBody(api, 429, "mock upstream rate limit", echo), { "retry-after": header });
      }
      const call = state.knobs.toolCalls ? toolToCall(api, body, messages, sequence) : null;
      if (stream) {
        const frames = call
          ? api === "openai"
            ? openaiToolFrames(turn, call)
            : anthropicToolFrames(turn, call)
          : api === "openai"
            ? openaiFrames(turn, failure, huge)
            : anthropicFrames(turn, failure, huge);
        frames.isStamped = state.knobs.stampPieces;
        return sendFrames(res, frames, intervalMs, live);
      }
      const full = call
        ? api === "openai"
          ? openaiToolCompletion(turn, call)
          : anthropicToolMessage(turn, call)
        : api === "openai"
          ? openaiCompletion(turn)
          : anthropicMessage(turn);
      if (failure === "malformed") {
        // Valid headers and status, body cut in the middle of the JSON.
        return sendFrames(
          res,
          { headers: JSON_HEADERS, lead: full.slice(0, full.length >> 1), paced: [], tail: "", finish: "end" },
          0,
          null,
        );
      }
      if (failure === "drop") {
        res.writeHead(200, { ...JSON_HEADERS, "content-length": Buffer.byteLength(full) });
        return destroyAfterFlush(res, full.slice(0, full.length >> 1));
      }
      const send = (): void => {
        res.writeHead(200, { ...JSON_HEADERS, "content-length": Buffer.byteLength(full) });
        res.end(full);
      };
      // A non-streamed answer arrives when its last word would have been generated.
      if (live && intervalMs > 0 && reply.pieces.length > 1) later(live, (reply.pieces.length - 1) * intervalMs, send);
      else send();
    };
    if (live && ttftMs > 0) later(live, ttftMs, respond);
    else respond();
  }

  /**
   * OpenAI's embeddings API: one vector per input (8 numbers, or `dimensions`), derived from the
   * input's text so equal inputs get equal vectors; usage counts the words. Honours the failure
   * knobs "500", "429", "hang" and "malformed" (a cut-off body) and `ttftMs`.
   */
  function handleEmbeddings(req: http.IncomingMessage, res: http.ServerResponse, slug: string, text: string): void {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, errorBody("openai", 400, "request body is not valid JSON"));
    }
    if (!isRecord(body)) return sendJson(res, 400, errorBody("openai", 400, "request body must be a JSON object"));
    const model = typeof body.model === "string" ? body.model : null;
    const headers: TMockCall["headers"] = {};
    if (typeof req.headers.authorization === "string") headers.authorization = req.headers.authorization;
    record({ provider: slug, api: "openai", model, stream: false, headers, body, route: "embeddings" });
    const input = body.input;
    const items: unknown[] =
      typeof input === "string" || (Array.isArray(input) && typeof input[0] === "number")
        ? [input]
        : Array.isArray(input)
          ? input
          : [];
    if (model === null || items.length === 0)
      return sendJson(res, 400, errorBody("openai", 400, "model and input are required"));
    const dimensions = typeof body.dimensions === "number" ? body.dimensions : 8;
    const state = stateFor(slug);
    const { failure, ttftMs, retryAfter } = state.knobs;
    if (failure === "hang") return;
    let words = 0;
    const data = items.map((item, index) => {
      const seed = typeof item === "string" ? item : JSON.stringify(item);
      words += typeof item === "string" ? countWords(item) : Array.isArray(item) ? item.length : 0;
      let h = 2166136261;
      for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
      const vector = Array.from({ length: dimensions }, (_, i) => (((h >>> (i % 24)) % 2000) - 1000) / 1000);
      let embedding: number[] | string = vector;
      if (body.encoding_format === "base64") {
        const buffer = Buffer.alloc(dimensions * 4);
        vector.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
        embedding = buffer.toString("base64");
      }
      return { object: "embedding", index, embedding };
    });
    const respond = (): void => {
      if (failure === "500") return sendJson(res, 500, errorBody("openai", 500, "mock upstream failure"));
      if (failure === "429")
        return sendJson(res, 429, errorBody("openai", 429, "mock upstream rate limit"), {
          "retry-after": String(retryAfter),
        });
      const out = JSON.stringify({ object: "list", data, model, usage: { prompt_tokens: words, total_tokens: words } });
      if (failure === "malformed") return destroyAfterFlush(res, out.slice(0, Math.floor(out.length / 2)));
      res.writeHead(200, { ...JSON_HEADERS, "content-length": Buffer.byteLength(out) });
      res.end(out);
    };
    if (ttftMs > 0) later(track(res), ttftMs, respond);
    else respond();
  }

  /**
   * Anthropic's count_tokens (Privet estimates counts itself and never calls it; served and recorded
   * so that the tests would see a call if it did): `{ input_tokens }`, the words of the system prompt and messages (as
   * the Messages API counts its prompt). Refuses a max_tokens or stream, as Anthropic does; honours
   * the failure knobs "500" and "429".
   */
  function handleCountTokens(req: http.IncomingMessage, res: http.ServerResponse, slug: string, text: string): void {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return sendJson(res, 400, errorBody("anthropic", 400, "request body is not valid JSON"));
    }
    if (!isRecord(body)) return sendJson(res, 400, errorBody("anthropic", 400, "request body must be a JSON object"));
    const model = typeof body.model === "string" ? body.model : null;
    const headers: TMockCall["headers"] = {};
    if (typeof req.headers["x-api-key"] === "string") headers["x-api-key"] = req.headers["x-api-key"];
    if (typeof req.headers["anthropic-version"] === "string")
      headers["anthropic-version"] = req.headers["anthropic-version"];
    record({ provider: slug, api: "anthropic", model, stream: false, headers, body, route: "count_tokens" });
    if (model === null || !Array.isArray(body.messages))
      return sendJson(res, 400, errorBody("anthropic", 400, "model and messages are required"));
    for (const field of ["max_tokens", "stream", "temperature"])
      if (body[field] !== undefined)
        return sendJson(res, 400, errorBody("anthropic", 400, `${field}: Extra inputs are not permitted`));
    const { failure } = stateFor(slug).knobs;
    if (failure === "500") return sendJson(res, 500, errorBody("anthropic", 500, "mock upstream failure"));
    if (failure === "429") return sendJson(res, 429, errorBody("anthropic", 429, "mock upstream rate limit"));
    sendJson(res, 200, { input_tokens: promptWords("anthropic", body, body.messages) });
  }

  const server = http.createServer((req, res) => {
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const path = q === -1 ? raw : raw.slice(0, q);
    if (path.startsWith("/__mock/")) return handleControl(req, res, path);

    const slash = path.indexOf("/", 1);
    const rest = slash > 1 ? path.slice(slash) : "";
    const api: TMockApi | null =
      rest === "/v1/chat/completions" || rest === "/v1/embeddings"
        ? "openai"
        : rest === "/v1/messages" || rest === "/v1/messages/count_tokens"
          ? "anthropic"
          : null;
    if (api === null) return sendJson(res, 404, { error: { message: "unknown path", type: "not_found" } });
    if (req.method !== "POST")
      return sendJson(res, 405, { error: { message: "method not allowed", type: "invalid_request_error" } });
    const slug = decodeSlug(path.slice(1, slash));
    if (slug === null) return sendJson(res, 404, { error: { message: "bad provider slug", type: "not_found" } });
    if (rest === "/v1/embeddings") readBody(req, (text) => handleEmbeddings(req, res, slug, text));
    else if (rest === "/v1/messages/count_tokens") readBody(req, (text) => handleCountTokens(req, res, slug, text));
    else readBody(req, (text) => handleCompletion(req, res, slug, api, text));
  });
  // Benchmarks reuse connections; a long idle timeout avoids reconnect churn between bursts.
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    setProvider,
    reset: () => {
      states.clear();
      customized.clear();
    },
    calls,
    clearCalls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging and streaming responses would keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}
