// Validation of the `POST /api/v1/chat/completions` body: OpenAI's request plus the router's
// routing fields. Unknown top-level fields pass through validation (OpenAI clients send many; the
// adapters' allowlist keeps them in Privet); OpenRouter's fields that Privet does not implement are
// refused by name (unsupported-fields.ts); unknown fields inside `provider` are refused, because a
// misspelt privacy preference must not be silently ignored. An optional field sent as null, or a
// list sent empty, is the same as one left out.
//
// Errors name the offending field and what it must be, and never repeat what the client sent
// (chat-errors.ts words them). What the router reads from a valid request is in request-shape.ts.
// chat-schema.test-d.ts holds the schema and the hand-written request types together.
import { z } from "zod";
import type { TPrivetChatRequest } from "@/lib/gateway/adapters/types";
import { firstFieldError, MODEL_REQUIRED, type TWordingContext } from "@/lib/gateway/chat-errors";
import { unsupportedFieldError } from "@/lib/gateway/unsupported-fields";
import {
  DATA_COLLECTION_CHOICES,
  PROVIDER_SORTS,
  QUANTIZATIONS,
  REASONING_EFFORTS,
  SORT_PARTITIONS,
  VERBOSITIES,
} from "@/lib/vocabulary";

export const MAX_MESSAGES = 10_000;
export const MAX_FALLBACK_MODELS = 8;
export const MAX_STOP_SEQUENCES = 16;
export const MAX_USER_LENGTH = 256;

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
    file: z.looseObject({
      file_data: z.string().optional(),
      file_id: z.string().optional(),
      filename: z.string().optional(),
    }),
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

// OpenRouter's reasoning detail as a client sends it back: text (with Anthropic's signature),
// summary or encrypted data. Other types pass validation and are never forwarded.
const ZSentReasoningDetail = z.looseObject({
  type: z.string().min(1),
  text: z.string().nullable().optional(),
  signature: z.string().nullable().optional(),
  data: z.string().optional(),
  summary: z.string().nullable().optional(),
  format: z.string().nullable().optional(),
  id: z.string().nullable().optional(),
  index: z.number().int().nonnegative().optional(),
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
      reasoning_details: z.array(ZSentReasoningDetail).nullable().optional(),
    })
    .superRefine((m, ctx) => {
      if (m.content == null && !(m.tool_calls && m.tool_calls.length > 0)) {
        ctx.addIssue({ code: "custom", path: ["content"], message: "is required unless the message has tool_calls" });
      }
    }),
  z.looseObject({
    role: z.literal("tool"),
    content: ZTextContent,
    tool_call_id: z.string().min(1),
    is_error: z.boolean().optional(),
  }),
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

/**
 * An optional field that may also be sent as null: null is the same as leaving it out (clients and
 * SDKs send unset options as null), so the parsed request never holds it.
 */
function absentIfNull<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null().transform(() => undefined)]).optional();
}

/** A list that may be null or empty: either is the same as leaving it out. */
function optionalList<T extends z.ZodType>(item: T, max?: number) {
  const list = max === undefined ? z.array(item) : z.array(item).max(max);
  return absentIfNull(list.transform((items) => (items.length > 0 ? items : undefined)));
}

const ZSlugList = optionalList(z.string().min(1));

/** A price cap: a number, or the decimal string OpenRouter's SDK always sends ("0.5"). */
const ZPriceCap = absentIfNull(
  z.union(
    [
      z.number().min(0),
      z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ],
    {
      error: 'must be a non-negative number or decimal string such as "0.5"',
    },
  ),
);

/** `provider.sort` as an object: what to sort by, and whether across models (`none`) or within each. */
const ZSortObject = z.strictObject({
  by: absentIfNull(z.enum(PROVIDER_SORTS)),
  partition: absentIfNull(z.enum(SORT_PARTITIONS)),
});

/** A throughput (tokens/s) or latency (s) preference: one number (the typical value), or cut-offs per percentile. */
const ZPerformanceCutoff = absentIfNull(
  z.union(
    [
      z.number().min(0),
      z.strictObject({
        p50: z.number().min(0).nullable().optional(),
        p75: z.number().min(0).nullable().optional(),
        p90: z.number().min(0).nullable().optional(),
        p99: z.number().min(0).nullable().optional(),
      }),
    ],
    { error: "must be a non-negative number or an object of percentile cut-offs (p50, p75, p90, p99)" },
  ),
);

export const ZProviderPreferences = z.strictObject({
  order: ZSlugList,
  allow_fallbacks: absentIfNull(z.boolean()),
  require_parameters: absentIfNull(z.boolean()),
  data_collection: absentIfNull(z.enum(DATA_COLLECTION_CHOICES)),
  zdr: absentIfNull(z.boolean()),
  // Privet's catalog does not say which models allow distillation: asking for it is refused
  // (false asks for nothing).
  enforce_distillable_text: absentIfNull(
    z.boolean().refine((v) => v === false, {
      error: "is not supported by Privet: its catalog does not say which models allow distillation",
    }),
  ),
  only: ZSlugList,
  ignore: ZSlugList,
  // Countries or "EU", in any case; compared in upper case.
  data_regions: optionalList(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, { error: 'must be two-letter country codes such as "DE", or "EU"' })
      .transform((region) => region.toUpperCase()),
  ),
  quantizations: optionalList(z.enum(QUANTIZATIONS)),
  sort: absentIfNull(
    z.union([z.enum(PROVIDER_SORTS), ZSortObject], {
      error: `must be one of ${PROVIDER_SORTS.map((s) => `"${s}"`).join(", ")} or {"by": …, "partition": "model" | "none"}`,
    }),
  ),
  max_price: absentIfNull(
    z.strictObject({
      prompt: ZPriceCap,
      completion: ZPriceCap,
      request: ZPriceCap,
      image: ZPriceCap,
      audio: ZPriceCap,
    }),
  ),
  preferred_min_throughput: ZPerformanceCutoff,
  preferred_max_latency: ZPerformanceCutoff,
});

// ---------------------------------------------------------------------------------------------
// The request
// ---------------------------------------------------------------------------------------------

const nullish = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** Field order = the order in which problems are reported (the first one wins). */
export const ZChatCompletionRequest = z
  .looseObject({
    model: absentIfNull(z.string().min(1)),
    models: optionalList(z.string().min(1), MAX_FALLBACK_MODELS),
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
    tools: optionalList(ZTool),
    tool_choice: absentIfNull(ZToolChoice),
    parallel_tool_calls: absentIfNull(z.boolean()),
    response_format: absentIfNull(ZResponseFormat),
    // OpenRouter's unified reasoning control; translated for Anthropic (thinking), passed on as is
    // to OpenAI-compatible servers.
    reasoning: nullish(
      z.looseObject({
        effort: absentIfNull(z.enum(REASONING_EFFORTS)),
        max_tokens: absentIfNull(z.number().int().min(1)),
        exclude: absentIfNull(z.boolean()),
        enabled: absentIfNull(z.boolean()),
      }),
    ),
    include_reasoning: nullish(z.boolean()),
    // OpenAI's own names, for OpenAI-compatible servers (an Anthropic endpoint has no equivalent).
    reasoning_effort: nullish(z.enum(REASONING_EFFORTS)),
    verbosity: nullish(z.enum(VERBOSITIES)),
    user: absentIfNull(z.string().max(MAX_USER_LENGTH)),
    provider: absentIfNull(ZProviderPreferences),
  })
  .superRefine((body, ctx) => {
    if (body.model === undefined && body.models === undefined) {
      ctx.addIssue({ code: "custom", path: ["model"], message: MODEL_REQUIRED });
    }
  });

export type TChatCompletionRequest = z.output<typeof ZChatCompletionRequest>;

// ---------------------------------------------------------------------------------------------
// The common case without zod
// ---------------------------------------------------------------------------------------------

const isNullishOr = (v: unknown, ok: (v: number) => boolean): boolean =>
  v == null || (typeof v === "number" && Number.isFinite(v) && ok(v));
const SIMPLE_ROLES = new Set(["system", "developer", "user", "assistant"]);

function isSimpleMessage(m: unknown): boolean {
  if (typeof m !== "object" || m === null || Object.getPrototypeOf(m) !== Object.prototype) return false;
  let keys = 0;
  for (const key in m) {
    if (key !== "role" && key !== "content" && key !== "name") return false;
    keys++;
  }
  const { role, content, name } = m as { role?: unknown; content?: unknown; name?: unknown };
  return (
    typeof role === "string" &&
    SIMPLE_ROLES.has(role) &&
    typeof content === "string" &&
    (name === undefined ? keys === 2 : typeof name === "string")
  );
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

export type TChatRequestParse = { ok: true; value: TPrivetChatRequest } | { ok: false; field: string; message: string };

const WORDING: TWordingContext = {
  fieldOrder: new Map(Object.keys(ZChatCompletionRequest.shape).map((key, i) => [key, i])),
  providerFields: Object.keys(ZProviderPreferences.shape),
};

/** Validates a parsed JSON body; on failure names the first offending field (in schema order). */
export function parseChatRequest(json: unknown): TChatRequestParse {
  if (isSimpleChatRequest(json)) return { ok: true, value: json as TPrivetChatRequest };
  // The model comes first even when the body is otherwise broken (zod skips the refinement then).
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const body = json as Record<string, unknown>;
    const hasModels = Array.isArray(body.models) ? body.models.length > 0 : body.models != null;
    if (body.model == null && !hasModels) {
      return { ok: false, field: "model", message: MODEL_REQUIRED };
    }
  }
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const unsupported = unsupportedFieldError(json as Record<string, unknown>);
    if (unsupported) return { ok: false, ...unsupported };
  }
  const result = ZChatCompletionRequest.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, ...firstFieldError(result.error.issues, json, WORDING) };
}
