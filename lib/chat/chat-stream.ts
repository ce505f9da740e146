// One chat reply for the signed-in account, as a stream of events for the browser. It goes through
// the same pipeline as the API (runChatCompletion), so routing, the metadata record, content
// logging and sampling are the API's; only the origin ("chat") and the app title differ.
//
// How it ends: normally; with an error event; by Stop (stopChatStream aborts the controller, the
// pipeline aborts the upstream call and records the generation as cancelled); or by the browser
// going away (the response stream is cancelled, which does the same).
import { getCatalog } from "@/lib/catalog/store";
import { findGeneration } from "@/lib/generations/generations";
import { runChatCompletion } from "@/lib/gateway/pipeline";
import { getAccountSettings } from "@/lib/privacy/settings";
import type { TProviderPreferences } from "@/lib/policy/types";
import { attachmentsOf, countAttachments, toUserContent } from "@/lib/chat/attachments";
import { registerChatStream, releaseChatStream } from "@/lib/chat/active-streams";
import { chatSettingsUrl } from "@/lib/chat/models";
import type { TChatSendInput } from "@/lib/chat/schemas";
import type { TChatEvent } from "@/lib/chat/types";
import { toErrorView, toOutcomeView, toReceiptView, toStreamErrorView, type TProviderNames } from "@/lib/chat/views";
import { logError } from "@/lib/log";

export const CHAT_APP_TITLE = "Privet Chat";

export type TChatStreamContext = { userAgent: string | null };

/** The conversation options as `provider` preferences; each one only restricts. */
export function toProviderPreferences(options: TChatSendInput["options"]): TProviderPreferences {
  const prefs: TProviderPreferences = {};
  if (options.denyDataCollection) prefs.data_collection = "deny";
  if (options.zdr) prefs.zdr = true;
  if (options.order.length > 0) prefs.order = [...new Set(options.order)];
  return prefs;
}

async function* chatEvents(
  userId: string,
  input: TChatSendInput,
  ctx: TChatStreamContext,
  controller: AbortController,
): AsyncGenerator<TChatEvent, void, undefined> {
  try {
    const [catalog, settings] = await Promise.all([getCatalog(), getAccountSettings(userId)]);
    const names: TProviderNames = (slug) => catalog.providerBySlug.get(slug)?.name ?? slug;
    // What the receipts say was sent besides text: counts by kind, never names or bytes.
    const counts = countAttachments(attachmentsOf(input.messages));
    const attachments = counts.images + counts.pdfs > 0 ? { attachments: counts } : {};
    const receiptOf = (receipt: Parameters<typeof toReceiptView>[0]) => ({ ...toReceiptView(receipt), ...attachments });
    // Providers the request leaves for are told to the browser at once, before any reply: a turn
    // stopped or reloaded before its first word still names whom it reached (issue 14, item 18).
    const sending: TChatEvent[] = [];
    let wake: (() => void) | null = null;
    let isSettled = false;
    const running = runChatCompletion({
      userId,
      apiKeyId: null,
      guardrails: undefined,
      body: {
        model: input.model,
        messages: [
          ...(input.options.systemPrompt?.trim()
            ? [{ role: "system" as const, content: input.options.systemPrompt }]
            : []),
          ...input.messages.map((m) =>
            m.role === "user"
              ? { role: "user" as const, content: toUserContent(m.content, m.attachments) }
              : { role: "assistant" as const, content: m.content },
          ),
        ],
        stream: true,
        ...(input.options.temperature !== undefined ? { temperature: input.options.temperature } : {}),
        ...(input.options.maxTokens !== undefined ? { max_tokens: input.options.maxTokens } : {}),
        provider: toProviderPreferences(input.options),
        ...(input.options.reasoning ? { reasoning: { effort: "medium" as const } } : {}),
      },
      origin: "chat",
      app: { title: CHAT_APP_TITLE, referer: null, userAgent: ctx.userAgent },
      signal: controller.signal,
      settingsUrl: chatSettingsUrl(),
      onSending: (s) => {
        sending.push({ type: "sending", receipt: receiptOf({ ...s, model: input.model }) });
        wake?.();
      },
    }).finally(() => {
      isSettled = true;
      wake?.();
    });
    while (!isSettled || sending.length > 0) {
      const next = sending.shift();
      if (next) yield next;
      else await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    const result = await running;

    if (result.kind === "error") {
      const record = await findGeneration(userId, result.generationId);
      const fixContext = {
        accountZdrOnly: settings.zdrOnly,
        requestZdr: input.options.zdr,
        requestDeny: input.options.denyDataCollection,
      };
      yield {
        type: "error",
        error: toErrorView(
          result.error,
          result.generationId,
          record,
          catalog.modelById.get(input.model),
          names,
          fixContext,
        ),
      };
      return;
    }
    if (result.kind === "completion") {
      // Not expected (the body asks for a stream), but a whole answer is still an answer.
      yield { type: "start", receipt: receiptOf(result.receipt) };
      const message = result.completion.choices[0]?.message;
      if (typeof message?.reasoning === "string" && message.reasoning.length > 0)
        yield { type: "reasoning", text: message.reasoning };
      const text = message?.content;
      if (typeof text === "string" && text.length > 0) yield { type: "delta", text };
    } else {
      yield { type: "start", receipt: receiptOf(result.receipt) };
      let failure: { code: number; message: string } | null = null;
      try {
        for await (const chunk of result.chunks) {
          if (chunk.error) {
            failure = chunk.error;
            continue;
          }
          let text = "";
          let thought = "";
          for (const choice of chunk.choices ?? []) {
            if (typeof choice.delta?.content === "string") text += choice.delta.content;
            if (typeof choice.delta?.reasoning === "string") thought += choice.delta.reasoning;
          }
          if (thought.length > 0) yield { type: "reasoning", text: thought };
          if (text.length > 0) yield { type: "delta", text };
        }
      } finally {
        // Leaving early (Stop, browser gone) runs the pipeline's cleanup: upstream aborted, record cancelled.
        await result.chunks.return(undefined);
      }
      if (failure) {
        const record = await findGeneration(userId, result.receipt.generationId);
        yield { type: "error", error: toStreamErrorView(failure, result.receipt.generationId, record, names) };
      }
    }
    const record = await findGeneration(userId, result.receipt.generationId);
    if (record) yield { type: "end", outcome: toOutcomeView(record, names) };
  } catch (error) {
    // Never the message: it could repeat something from the request.
    logError("chat reply failed", error);
    yield {
      type: "error",
      error: {
        kind: "other",
        status: 500,
        title: "Something went wrong on our side",
        message: "The reply failed. Try again.",
        refusal: null,
        attempts: [],
        generationId: null,
      },
    };
  } finally {
    releaseChatStream(userId, input.requestId, controller);
  }
}

/**
 * Starts a reply and returns its events. The pipeline starts at once (not when the browser begins
 * reading), and the request id is registered so Stop can find it.
 */
export function startChatStream(
  userId: string,
  input: TChatSendInput,
  ctx: TChatStreamContext,
): ReadableStream<TChatEvent> {
  const controller = registerChatStream(userId, input.requestId);
  const events = chatEvents(userId, input, ctx, controller);
  return new ReadableStream<TChatEvent>({
    async pull(stream) {
      const next = await events.next();
      if (next.done) stream.close();
      else stream.enqueue(next.value);
    },
    async cancel() {
      // The browser went away: abort first so a pending upstream read ends, then close the generator.
      controller.abort();
      await events.return(undefined);
    },
  });
}
