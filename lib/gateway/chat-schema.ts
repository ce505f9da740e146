// Validation of the `POST /api/v1/chat/completions` body: OpenAI's request plus the router's
// routing fields. Unknown top-level fields pass through (OpenAI clients send many; OpenAI-compatible
// upstreams may use them); unknown fields inside `provider` are refused, because a misspelt
// privacy preference must not be silently ignored.
//
// Errors name the offending field and what it must be, and never repeat what the client sent:
// any string in the body may be prompt text (PRODUCT.md rule 1). That is why messages are built
// here from the issue's code instead of taken from zod.
import { z } from "zod";
import type { TChatMessage, TPrivetChatRequest } from "@/lib/gateway/adapters/types";

export const MAX_MESSAGES = 10_000;
export const MAX_FALLBACK_MODELS = 8;
export const MAX_STOP_SEQUENCES = 16;
export const MAX_USER_LENGTH = 256;

export const QUANTIZATIONS = ["int4", "int8", "fp4", "fp6", "fp8", "fp16", "bf16", "fp32", "unknown"] as const;
/** OpenRouter's reasoning effort levels (`reasoning.effort`); "none" turns reasoning off. */
export const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh"] as const;

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

const ZCacheControl = z.looseObject({ type: z.literal("ephemeral"), ttl: z.string().optional() });

const ZTextPart = z.looseObject({
  type: z.literal("text"),
  text: z.string(),
  cache_control: ZCacheControl.optional(),
});

const ZContentPart = z.discriminatedUnion("type", [
  ZTextPart,
  z.looseObject({
    type: z.literal("image_url"),
    image_url: z.looseObject({ url: z.string(), detail: z.enum(["auto", "low", "high"]).optional() }),
  }),
  z.looseObject({
    type: z.literal("input_audio"),
    input_audio: z.looseObject({ data: z.string(), format: z.string() }),
  }),
  z.looseObject({
    type: z.literal("file"),
    file: z.looseObject({ file_data: z.string().optional(), file_id: z.string().optional(), filename: z.string().optional() }),
  }),
]);

const ZAssistantPart = z.discriminatedUnion("type", [
  ZTextPart,
  z.looseObject({ type: z.literal("refusal"), refusal: z.string() }),
]);

const TEXT_CONTENT = "must be a string or an array of text parts";
const ZTextContent = z.union([z.string(), z.array(ZTextPart)], { error: TEXT_CONTENT });

const ZToolCall = z.looseObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string().min(1), arguments: z.string() }),
});

const ZMessage = z.discriminatedUnion("role", [
  z.looseObject({ role: z.literal("system"), content: ZTextContent, name: z.string().optional() }),
  z.looseObject({ role: z.literal("developer"), content: ZTextContent, name: z.string().optional() }),
  z.looseObject({
    role: z.literal("user"),
    content: z.union([z.string(), z.array(ZContentPart)], { error: "must be a string or an array of content parts" }),
    name: z.string().optional(),
  }),
  z
    .looseObject({
      role: z.literal("assistant"),
      content: z
        .union([z.string(), z.array(ZAssistantPart)], { error: "must be a string, an array of text parts, or null" })
        .nullable()
        .optional(),
      name: z.string().optional(),
      tool_calls: z.array(ZToolCall).optional(),
      refusal: z.string().nullable().optional(),
      reasoning: z.string().nullable().optional(),
    })
    .superRefine((m, ctx) => {
      if (m.content == null && !(m.tool_calls && m.tool_calls.length > 0)) {
        ctx.addIssue({ code: "custom", path: ["content"], message: "is required unless the message has tool_calls" });
      }
    }),
  z.looseObject({ role: z.literal("tool"), content: ZTextContent, tool_call_id: z.string().min(1) }),
]);

// ---------------------------------------------------------------------------------------------
// Tools and formats
// ---------------------------------------------------------------------------------------------

const ZTool = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({
    // Names are checked by the upstream: providers disagree on the allowed characters.
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

const ZToolChoice = z.union(
  [
    z.enum(["none", "auto", "required"]),
    z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string().min(1) }) }),
  ],
  { error: 'must be "none", "auto", "required" or {"type": "function", "function": {"name": …}}' },
);

const ZResponseFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({
    type: z.literal("json_schema"),
    json_schema: z.looseObject({
      name: z.string().min(1),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

// ---------------------------------------------------------------------------------------------
// Routing preferences (the `provider` object)
// ---------------------------------------------------------------------------------------------

const ZSlugList = z.array(z.string().min(1));

export const ZProviderPreferences = z.strictObject({
  order: ZSlugList.optional(),
  allow_fallbacks: z.boolean().optional(),
  require_parameters: z.boolean().optional(),
  data_collection: z.enum(["allow", "deny"]).optional(),
  zdr: z.boolean().optional(),
  only: ZSlugList.optional(),
  ignore: ZSlugList.optional(),
  quantizations: z.array(z.enum(QUANTIZATIONS)).optional(),
  sort: z.enum(["price", "throughput", "latency"]).optional(),
  max_price: z
    .strictObject({
      prompt: z.number().min(0).optional(),
      completion: z.number().min(0).optional(),
      request: z.number().min(0).optional(),
    })
    .optional(),
});

// ---------------------------------------------------------------------------------------------
// The request
// ---------------------------------------------------------------------------------------------

const MODEL_REQUIRED = "is required (or models, a list of models to try in order)";

const nullish = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** Field order = the order in which problems are reported (the first one wins). */
export const ZChatCompletionRequest = z
  .looseObject({
    model: z.string().min(1).optional(),
    models: z.array(z.string().min(1)).min(1).max(MAX_FALLBACK_MODELS).optional(),
    messages: z.array(ZMessage).min(1).max(MAX_MESSAGES),
    stream: nullish(z.boolean()),
    stream_options: nullish(z.looseObject({ include_usage: z.boolean().optional() })),
    max_tokens: nullish(z.number().int().min(1)),
    max_completion_tokens: nullish(z.number().int().min(1)),
    temperature: nullish(z.number().min(0).max(2)),
    top_p: nullish(z.number().min(0).max(1)),
    top_k: nullish(z.number().int().min(0)),
    min_p: nullish(z.number().min(0).max(1)),
    top_a: nullish(z.number().min(0).max(1)),
    frequency_penalty: nullish(z.number().min(-2).max(2)),
    presence_penalty: nullish(z.number().min(-2).max(2)),
    repetition_penalty: nullish(z.number().gt(0).max(2)),
    seed: nullish(z.number().int()),
    stop: nullish(
      z.union([z.string(), z.array(z.string()).max(MAX_STOP_SEQUENCES)], {
        error: `must be a string or an array of at most ${MAX_STOP_SEQUENCES} strings`,
      }),
    ),
    logit_bias: nullish(z.record(z.string().regex(/^\d+$/), z.number().min(-100).max(100))),
    logprobs: nullish(z.boolean()),
    top_logprobs: nullish(z.number().int().min(0).max(20)),
    // Privet returns one choice; n > 1 would multiply cost for a feature it does not route.
    n: nullish(z.literal(1)),
    tools: z.array(ZTool).optional(),
    tool_choice: ZToolChoice.optional(),
    parallel_tool_calls: z.boolean().optional(),
    response_format: ZResponseFormat.optional(),
    // OpenRouter's unified reasoning control; translated for Anthropic (thinking), passed on as is
    // to OpenAI-compatible servers.
    reasoning: nullish(
      z.looseObject({
        effort: z.enum(REASONING_EFFORTS).optional(),
        max_tokens: z.number().int().min(1).optional(),
        exclude: z.boolean().optional(),
        enabled: z.boolean().optional(),
      }),
    ),
    include_reasoning: nullish(z.boolean()),
    user: z.string().max(MAX_USER_LENGTH).optional(),
    provider: ZProviderPreferences.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.model === undefined && body.models === undefined) {
      ctx.addIssue({ code: "custom", path: ["model"], message: MODEL_REQUIRED });
    }
  });

export type TChatCompletionRequest = z.output<typeof ZChatCompletionRequest>;

// The schema's output must be usable wherever the gateway expects a request.
const isAssignable = (value: TChatCompletionRequest): TPrivetChatRequest => value;
void isAssignable;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export type TChatRequestParse =
  | { ok: true; value: TPrivetChatRequest }
  | { ok: false; field: string; message: string };

const FIELD_ORDER = new Map(Object.keys(ZChatCompletionRequest.shape).map((key, i) => [key, i]));
/** Object keys the client chose (record keys, unknown keys) appear in paths only when they are plain names. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

type TIssue = z.core.$ZodIssue;
type TPath = readonly PropertyKey[];

function formatPath(path: TPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out.length === 0 ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function valueAt(root: unknown, path: TPath): unknown {
  let v = root;
  for (const seg of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  record: "an object",
  null: "null",
};

function literal(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

/** A sentence about the field, from the schema's side of the issue only (never the input). */
function describe(issue: TIssue, isMissing: boolean): string {
  switch (issue.code) {
    case "invalid_type":
      if (isMissing) return "is required";
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "array") return min === 1 ? "must not be empty" : `must have at least ${min} items`;
      if (issue.origin === "string") return min === 1 ? "must not be empty" : `must have at least ${min} characters`;
      return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "array") return `must have at most ${max} items`;
      if (issue.origin === "string") return `must have at most ${max} characters`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${literal(issue.values[0])}`
        : `must be one of ${issue.values.map(literal).join(", ")}`;
    case "invalid_union":
      if (issue.discriminator !== undefined && "options" in issue && issue.options) {
        return `must be one of ${issue.options.map(literal).join(", ")}`;
      }
      // Our unions carry their own message; zod's default ("Invalid input") is generic.
      return issue.message && issue.message !== "Invalid input" ? issue.message : "has an invalid value";
    case "invalid_format":
      return "is not in the expected format";
    case "custom":
      // Only this file raises custom issues, with messages that never include input.
      return issue.message;
    default:
      return "has an invalid value";
  }
}

/**
 * When every branch of a union but one failed on the value's type, that branch is what the client
 * meant (an array of parts with one bad part): report its first problem, deeper and clearer.
 */
function unwrapUnion(issue: TIssue): TIssue {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue;
  const meant = issue.errors.filter(
    (branch) => !branch.every((sub) => sub.path.length === 0 && sub.code === "invalid_type"),
  );
  const [only, ...others] = meant;
  const inner = only?.[0];
  if (inner === undefined || others.length > 0) return issue;
  return unwrapUnion({ ...inner, path: [...issue.path, ...inner.path] } as TIssue);
}

function toError(issue: TIssue, json: unknown): { field: string; message: string } {
  let path: TPath = issue.path;
  // logit_bias keys are client-chosen: name the object, not the key.
  if (path[0] === "logit_bias") {
    return { field: "logit_bias", message: "must map token ids to numbers between -100 and 100" };
  }
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys.find((k) => PLAIN_KEY.test(k));
    const where = formatPath(path) || "body";
    const allowed = path.length === 1 && path[0] === "provider" ? ` (allowed: ${Object.keys(ZProviderPreferences.shape).join(", ")})` : "";
    if (key === undefined) return { field: where, message: `contains an unknown field${allowed}` };
    path = [...path, key];
    return { field: formatPath(path), message: `is not a recognized field of ${where}${allowed}` };
  }
  if (path.length === 0) return { field: "body", message: "must be a JSON object" };
  if (path.length === 1 && path[0] === "n") return { field: "n", message: "must be 1: Privet returns one choice per request" };
  const isMissing = issue.code === "invalid_type" && valueAt(json, path) === undefined;
  return { field: formatPath(path), message: describe(issue, isMissing) };
}

// ---------------------------------------------------------------------------------------------
// The common case without zod
// ---------------------------------------------------------------------------------------------

const isNullishOr = (v: unknown, ok: (v: number) => boolean): boolean => v == null || (typeof v === "number" && Number.isFinite(v) && ok(v));
const SIMPLE_ROLES = new Set(["system", "developer", "user", "assistant"]);

function isSimpleMessage(m: unknown): boolean {
  if (typeof m !== "object" || m === null || Object.getPrototypeOf(m) !== Object.prototype) return false;
  let keys = 0;
  for (const key in m) {
    if (key !== "role" && key !== "content" && key !== "name") return false;
    keys++;
  }
  const { role, content, name } = m as { role?: unknown; content?: unknown; name?: unknown };
  return typeof role === "string" && SIMPLE_ROLES.has(role) && typeof content === "string" && (name === undefined ? keys === 2 : typeof name === "string");
}

/**
 * Most requests are text messages and a few sampling parameters: such a body is checked here, in a
 * tenth of zod's time, against the very rules ZChatCompletionRequest states for those fields (the
 * property test in chat-schema.test.ts holds the two together). Anything else goes to zod, which
 * also writes every error message.
 */
export function isSimpleChatRequest(json: unknown): boolean {
  if (typeof json !== "object" || json === null || Object.getPrototypeOf(json) !== Object.prototype) return false;
  const body = json as Record<string, unknown>;
  for (const key in body) {
    switch (key) {
      case "model":
      case "messages":
      case "stream":
      case "temperature":
      case "top_p":
      case "max_tokens":
      case "user":
        break;
      default:
        return false;
    }
  }
  const { model, messages, stream, temperature, top_p, max_tokens, user } = body;
  if (typeof model !== "string" || model.length < 1) return false;
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > MAX_MESSAGES) return false;
  for (let i = 0; i < messages.length; i++) if (!isSimpleMessage(messages[i])) return false;
  if (stream != null && typeof stream !== "boolean") return false;
  if (!isNullishOr(temperature, (t) => t >= 0 && t <= 2)) return false;
  if (!isNullishOr(top_p, (p) => p >= 0 && p <= 1)) return false;
  if (!isNullishOr(max_tokens, (n) => Number.isSafeInteger(n) && n >= 1)) return false;
  return user === undefined || (typeof user === "string" && user.length <= MAX_USER_LENGTH);
}

/** Validates a parsed JSON body; on failure names the first offending field (in schema order). */
export function parseChatRequest(json: unknown): TChatRequestParse {
  if (isSimpleChatRequest(json)) return { ok: true, value: json as TPrivetChatRequest };
  // The model comes first even when the body is otherwise broken (zod skips the refinement then).
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    if (body.model === undefined && body.models === undefined) {
      return { ok: false, field: "model", message: MODEL_REQUIRED };
    }
  }
  const result = ZChatCompletionRequest.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map(unwrapUnion);
  const rank = (issue: TIssue): number => {
    const top = issue.path[0];
    return typeof top === "string" ? (FIELD_ORDER.get(top) ?? FIELD_ORDER.size) : -1;
  };
  // Stable sort: within one top-level field, zod's own order (array index, then key) holds.
  const [first] = issues.map((issue, i) => ({ issue, i })).sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i);
  // zod reports at least one issue whenever parsing fails.
  return first ? { ok: false, ...toError(first.issue, json) } : { ok: false, field: "body", message: "has an invalid value" };
}

// ---------------------------------------------------------------------------------------------
// What the router needs to know about a request (never its content)
// ---------------------------------------------------------------------------------------------

/**
 * Request parameters that an endpoint must support under `provider.require_parameters`, in the
 * catalog's vocabulary (`supported_parameters`). `max_completion_tokens` counts as
 * `max_tokens`; a JSON-schema response format also needs `structured_outputs`. Transport and
 * routing fields (model, messages, stream, user, provider…) are never listed.
 */
const PARAMETER_FIELDS = [
  "temperature",
  "top_p",
  "top_k",
  "min_p",
  "top_a",
  "frequency_penalty",
  "presence_penalty",
  "repetition_penalty",
  "max_tokens",
  "stop",
  "seed",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "response_format",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "reasoning",
  "include_reasoning",
  "web_search_options",
] as const;

export function requestParameterNames(body: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const field of PARAMETER_FIELDS) {
    const v = body[field];
    if (v === undefined || v === null) continue;
    if (field === "tools" && Array.isArray(v) && v.length === 0) continue;
    // logprobs: false asks for nothing.
    if (field === "logprobs" && v === false) continue;
    names.add(field);
  }
  if (body.max_completion_tokens != null) names.add("max_tokens");
  const format = body.response_format;
  if (typeof format === "object" && format !== null && (format as { type?: unknown }).type === "json_schema") {
    names.add("structured_outputs");
  }
  return [...names];
}

function textLength(content: unknown): number {
  if (typeof content === "string") return content.length;
  if (!Array.isArray(content)) return 0;
  let n = 0;
  for (const part of content) {
    if (typeof part === "object" && part !== null) {
      const text = (part as { text?: unknown }).text;
      if (typeof text === "string") n += text.length;
    }
  }
  return n;
}

/**
 * A cheap upper-bound-ish estimate of the tokens a request needs, for the context-length filter
 * and as a fallback when an upstream reports no usage: message text / 4 (tool-call arguments and
 * tool definitions included) plus the requested output limit.
 */
export function estimateTokens(body: { messages?: readonly TChatMessage[] | unknown; [key: string]: unknown }): number {
  let chars = 0;
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (typeof m !== "object" || m === null) continue;
      const message = m as { content?: unknown; tool_calls?: unknown };
      chars += textLength(message.content);
      if (Array.isArray(message.tool_calls)) {
        for (const call of message.tool_calls) {
          const args = (call as { function?: { arguments?: unknown } } | null)?.function?.arguments;
          if (typeof args === "string") chars += args.length;
        }
      }
    }
  }
  if (Array.isArray(body.tools) && body.tools.length > 0) chars += JSON.stringify(body.tools).length;
  const output = body.max_completion_tokens ?? body.max_tokens;
  return Math.ceil(chars / 4) + (typeof output === "number" && output > 0 ? output : 0);
}
