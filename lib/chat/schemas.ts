// Inputs of the chat's server actions. The account never comes from here: it is the session's.
import { z } from "zod";
import {
  attachmentBytes,
  attachmentsOf,
  formatBytes,
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_TOTAL_ATTACHMENT_BYTES,
  ZAttachment,
} from "@/lib/chat/attachments";

export const MAX_CHAT_MESSAGES = 400;
export const MAX_MESSAGE_CHARS = 100_000;
export const MAX_ORDER_PROVIDERS = 20;
export const MAX_SYSTEM_PROMPT_CHARS = 20_000;
export const MAX_TEMPERATURE = 2;
export const MAX_REPLY_TOKENS = 1_000_000;

/**
 * How many bytes a chat request's input weighs as JSON (what a server action's body carries); the
 * browser checks it against CHAT_REQUEST_MAX_BYTES (lib/chat/attachments.ts) before sending, so a
 * conversation too large to send is refused in words, not as a lost connection.
 */
export function chatRequestBytes(input: unknown): number {
  return new TextEncoder().encode(JSON.stringify(input)).length;
}

/** The conversation's generation options, checked alike in the browser (before saving) and by the action. */
export const ZSystemPrompt = z.string().max(MAX_SYSTEM_PROMPT_CHARS, {
  error: `A system prompt can be at most ${MAX_SYSTEM_PROMPT_CHARS.toLocaleString("en")} characters.`,
});
export const ZTemperature = z
  .number({ error: "Temperature must be a number." })
  .min(0, { error: `Temperature must be between 0 and ${MAX_TEMPERATURE}.` })
  .max(MAX_TEMPERATURE, { error: `Temperature must be between 0 and ${MAX_TEMPERATURE}.` });
export const ZMaxTokens = z
  .number({ error: "Max tokens must be a whole number." })
  .int({ error: "Max tokens must be a whole number." })
  .min(1, { error: "Max tokens must be at least 1." })
  .max(MAX_REPLY_TOKENS, { error: `Max tokens can be at most ${MAX_REPLY_TOKENS.toLocaleString("en")}.` });

/** Chosen by the browser so Stop can name a reply before the server has answered. */
export const ZRequestId = z.uuid({ error: "Invalid request id." });

const ZProviderSlug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "Invalid provider slug." });

export const ZChatMessageInput = z
  .object({
    role: z.enum(["user", "assistant"]),
    content: z.string().max(MAX_MESSAGE_CHARS, {
      error: `A message can be at most ${MAX_MESSAGE_CHARS.toLocaleString("en")} characters.`,
    }),
    /** Images and PDFs the user attached (lib/chat/attachments.ts); replies have none. */
    attachments: z
      .array(ZAttachment)
      .max(MAX_ATTACHMENTS_PER_MESSAGE, {
        error: `A message can carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments.`,
      })
      .optional(),
  })
  .refine((m) => m.role === "user" || !m.attachments?.length, { error: "Only your messages can have attachments." });

export const ZChatSendInput = z.object({
  requestId: ZRequestId,
  model: z.string().min(1, { error: "Pick a model." }).max(200),
  messages: z
    .array(ZChatMessageInput)
    .min(1, { error: "Write a message first." })
    .max(MAX_CHAT_MESSAGES, {
      error: `This conversation is too long to send (over ${MAX_CHAT_MESSAGES} messages). Start a new one.`,
    })
    .refine((messages) => messages.at(-1)?.role === "user", { error: "The last message must be yours." })
    .refine(
      (messages) =>
        messages.some((m) => m.role === "user" && (m.content.trim().length > 0 || (m.attachments?.length ?? 0) > 0)),
      { error: "Write a message first." },
    )
    .refine((messages) => attachmentBytes(attachmentsOf(messages)) <= MAX_TOTAL_ATTACHMENT_BYTES, {
      error: `This conversation's attachments are over ${formatBytes(MAX_TOTAL_ATTACHMENT_BYTES)} together. Start a new conversation.`,
    }),
  options: z.object({
    denyDataCollection: z.boolean(),
    zdr: z.boolean(),
    order: z.array(ZProviderSlug).max(MAX_ORDER_PROVIDERS),
    reasoning: z.boolean().optional(),
    systemPrompt: ZSystemPrompt.optional(),
    temperature: ZTemperature.optional(),
    maxTokens: ZMaxTokens.optional(),
  }),
});
export type TChatSendInput = z.infer<typeof ZChatSendInput>;

export const ZChatStopInput = z.object({ requestId: ZRequestId });
export type TChatStopInput = z.infer<typeof ZChatStopInput>;
