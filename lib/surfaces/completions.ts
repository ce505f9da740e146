// OpenAI's legacy text completions (`POST /api/v1/completions`, a `prompt` instead of messages) over
// Privet's one pipeline: the prompt becomes the one user message of a chat request, routed and
// recorded as any chat completion, and the answer and its chunks are rewritten as text completions.
// Pure translation: no I/O. Error messages name fields, never content.
import { z } from "zod";
import { firstFieldError, type TFieldError } from "@/lib/gateway/chat-errors";
import type { TChatCompletion, TPrivetChatRequest } from "@/lib/gateway/adapters/types";
import type { TOutChunk } from "@/lib/gateway/stream-out";

const ONE = "must be 1: Privet returns one choice per request";

const ZCompletionsRequest = z.looseObject({
  model: z.string().min(1),
  prompt: z.union(
    [
      z.string(),
      z
        .array(z.string())
        .refine((prompts) => prompts.length === 1, { error: "must hold one prompt: Privet answers one per request" }),
    ],
    { error: "must be a string (or an array of one string)" },
  ),
  max_tokens: z.int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(16)]).nullish(),
  stream: z.boolean().nullish(),
  seed: z.int().nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  user: z.string().max(256).nullish(),
  n: z
    .number()
    .refine((n) => n === 1, { error: ONE })
    .nullish(),
  best_of: z
    .number()
    .refine((n) => n === 1, { error: ONE })
    .nullish(),
  // What a chat model cannot do: refused rather than silently ignored.
  echo: z
    .boolean()
    .refine((echo) => !echo, { error: "is not supported (the prompt is not repeated in the answer)" })
    .nullish(),
  suffix: z
    .unknown()
    .refine((v) => v == null, { error: "is not supported (no insertion completions)" })
    .optional(),
  logprobs: z
    .unknown()
    .refine((v) => v == null, { error: "is not supported on /completions" })
    .optional(),
  provider: z.unknown().optional(),
  models: z.unknown().optional(),
});

const WORDING = {
  fieldOrder: new Map(Object.keys(ZCompletionsRequest.shape).map((key, i) => [key, i])),
  providerFields: [],
};

type TTranslated = { ok: true; body: TPrivetChatRequest } | ({ ok: false } & TFieldError);

/** A text completion request as Privet's chat request, or the first field Privet refuses. */
export function completionsRequestToChat(json: unknown): TTranslated {
  const result = ZCompletionsRequest.safeParse(json);
  if (!result.success) return { ok: false, ...firstFieldError(result.error.issues, json, WORDING) };
  const r = result.data;
  const prompt = typeof r.prompt === "string" ? r.prompt : r.prompt[0]!;
  const optional = {
    max_tokens: r.max_tokens,
    temperature: r.temperature,
    top_p: r.top_p,
    stop: r.stop,
    stream: r.stream,
    seed: r.seed,
    frequency_penalty: r.frequency_penalty,
    presence_penalty: r.presence_penalty,
    user: r.user,
  };
  const body: TPrivetChatRequest = { model: r.model, messages: [{ role: "user", content: prompt }] };
  for (const [key, value] of Object.entries(optional)) if (value != null) body[key] = value;
  if (r.provider !== undefined) body.provider = r.provider as TPrivetChatRequest["provider"];
  if (r.models !== undefined) body.models = r.models as string[];
  return { ok: true, body };
}

/** Privet's served completion as a text completion. */
export function textCompletionFrom(completion: TChatCompletion & { provider: string }) {
  const choice = completion.choices[0];
  return {
    id: completion.id,
    object: "text_completion",
    created: completion.created,
    model: completion.model,
    provider: completion.provider,
    choices: [
      {
        index: 0,
        text: typeof choice?.message.content === "string" ? choice.message.content : "",
        logprobs: null,
        finish_reason: choice?.finish_reason ?? null,
        native_finish_reason: choice?.native_finish_reason ?? null,
      },
    ],
    usage: completion.usage,
    system_fingerprint: completion.system_fingerprint ?? null,
  };
}

/** One of Privet's chunks as a text completion chunk (the usage chunk and an error chunk included). */
export function textCompletionChunk(chunk: TOutChunk) {
  return {
    id: chunk.id,
    object: "text_completion",
    created: chunk.created,
    model: chunk.model,
    provider: chunk.provider,
    choices: chunk.choices.map((choice) => ({
      index: choice.index,
      text: choice.delta.content ?? "",
      logprobs: null,
      finish_reason: choice.finish_reason,
      ...(choice.native_finish_reason ? { native_finish_reason: choice.native_finish_reason } : {}),
    })),
    ...(chunk.usage ? { usage: chunk.usage } : {}),
    ...(chunk.error ? { error: chunk.error } : {}),
  };
}
