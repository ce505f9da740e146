// Conversations as the browser keeps them (never on the server), their export file, and the checks
// an imported file must pass. Pure and shared by the chat UI and its tests.
import { z } from "zod";
import { MAX_ATTACHMENTS_PER_MESSAGE, ZAttachment, type TAttachment } from "@/lib/chat/attachments";
import { MAX_MESSAGE_CHARS, ZMaxTokens, ZSystemPrompt, ZTemperature } from "@/lib/chat/schemas";
import { DEFAULT_CONVERSATION_OPTIONS, type TConversationOptions } from "@/lib/chat/types";
import { EXCLUDED_BY_STEPS } from "@/lib/generations/route-trace";

export const EXPORT_FORMAT = "privet-chat";
/**
 * Version 2 added the branches of a conversation (`alternatives`), version 3 the attachments of a
 * message. A file is written as version 3 only when it holds an attachment, so an export without
 * any still imports into a Privet that reads version 2; versions 1 and 2 still import here.
 */
export const EXPORT_VERSION = 3;
const VERSION_WITHOUT_ATTACHMENTS = 2;
/** How many other branches a conversation keeps. */
export const MAX_ALTERNATIVES = 200;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_TITLE_CHARS = 120;

const ZProviderRef = z.object({ slug: z.string().max(200), name: z.string().max(200) });

const ZAttempt = z.object({
  provider: z.string().max(200),
  providerName: z.string().max(200),
  status: z.number(),
  outcome: z.string().max(500),
});

const ZReceipt = z.object({
  generationId: z.string().max(200),
  model: z.string().max(200),
  provider: ZProviderRef,
  retention: z.string().max(200),
  training: z.string().max(200),
  publishing: z.string().max(200).optional(),
  isZdr: z.boolean().nullable(),
  contentStored: z.boolean(),
  attachments: z.object({ images: z.number().int().min(0), pdfs: z.number().int().min(0) }).optional(),
});

const ZRouteView = z.object({
  summary: z.string().max(2000),
  orderedBy: z.string().max(1000),
  candidates: z
    .array(
      z.object({
        model: z.string().max(200),
        provider: z.string().max(200),
        providerName: z.string().max(200),
        facts: z.string().max(500),
        outcome: z.string().max(200),
        isServed: z.boolean(),
      }),
    )
    .max(200),
  notAttempted: z
    .array(z.object({ model: z.string().max(200), providerName: z.string().max(200), reason: z.string().max(1000) }))
    .max(200),
  excluded: z
    .array(
      z.object({
        model: z.string().max(200),
        providerName: z.string().max(200),
        step: z.enum(EXCLUDED_BY_STEPS),
        label: z.string().max(100),
        reason: z.string().max(1000),
      }),
    )
    .max(500),
  isCompressed: z.boolean(),
});

const ZOutcome = z.object({
  status: z.enum(["success", "error", "cancelled"]),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  latencyMs: z.number().nullable(),
  firstTokenMs: z.number().nullable(),
  finishReason: z.string().max(100).nullable(),
  attempts: z.array(ZAttempt).max(100),
  sentTo: z.array(ZReceipt).max(100).optional(),
  route: ZRouteView.optional(),
});

const ZFix = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("setting"),
    label: z.string().max(200),
    href: z.string().max(500),
    anchor: z.enum([
      "prompt-logging",
      "train-paid",
      "train-free",
      "zdr-only",
      "ignored-providers",
      "data-regions",
      "max-retention",
      "content-retention",
      "metadata-retention",
    ]),
  }),
  z.object({
    kind: z.literal("conversation"),
    label: z.string().max(200),
    option: z.enum(["denyDataCollection", "zdr"]),
  }),
  z.object({ kind: z.literal("docs"), label: z.string().max(200), href: z.string().max(500) }),
  z.object({ kind: z.literal("hint"), label: z.string().max(500) }),
]);

const ZRefusal = z.object({
  status: z.number(),
  code: z.string().max(100),
  message: z.string().max(2000),
  labels: z.array(z.string().max(100)).max(50),
  excluded: z
    .array(
      z.object({
        provider: z.string().max(200),
        providerName: z.string().max(200),
        label: z.string().max(100),
        reason: z.string().max(1000),
      }),
    )
    .max(200),
  fixes: z.array(ZFix).max(50),
});

const ZChatError = z.object({
  kind: z.enum(["refusal", "upstream", "stream", "cancelled", "invalid", "other"]),
  status: z.number(),
  title: z.string().max(300),
  message: z.string().max(2000),
  refusal: ZRefusal.nullable(),
  attempts: z.array(ZAttempt).max(100),
  generationId: z.string().max(200).nullable(),
  sentTo: z.array(ZReceipt).max(100).optional(),
});

const ZIsoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { error: "must be a date" });

const ZUserMessage = z.object({
  id: z.string().min(1).max(100),
  role: z.literal("user"),
  content: z.string().max(MAX_MESSAGE_CHARS),
  createdAt: ZIsoDate,
  /** Images and PDFs sent with the message, their bytes included (lib/chat/attachments.ts). */
  attachments: z.array(ZAttachment).max(MAX_ATTACHMENTS_PER_MESSAGE).optional(),
});

export const ASSISTANT_STATUSES = ["streaming", "complete", "stopped", "error", "interrupted"] as const;

const ZAssistantMessage = z.object({
  id: z.string().min(1).max(100),
  role: z.literal("assistant"),
  content: z.string().max(MAX_MESSAGE_CHARS * 10),
  createdAt: ZIsoDate,
  model: z.string().max(200),
  status: z.enum(ASSISTANT_STATUSES),
  receipt: ZReceipt.nullable(),
  outcome: ZOutcome.nullable(),
  error: ZChatError.nullable(),
  /** Time to first token as this browser saw it, in ms. */
  clientFirstTokenMs: z.number().nullable(),
  /** The model's thinking before the reply, when it shared it. */
  reasoning: z
    .string()
    .max(MAX_MESSAGE_CHARS * 10)
    .optional(),
  /** The providers the request was sent to, as far as this browser knew (kept across a reload). */
  sentTo: z.array(ZReceipt).max(100).optional(),
});

export const ZChatMessage = z.discriminatedUnion("role", [ZUserMessage, ZAssistantMessage]);

export const ZConversationOptions = z.object({
  denyDataCollection: z.boolean(),
  zdr: z.boolean(),
  order: z.array(z.string().max(100)).max(20),
  reasoning: z.boolean().optional(),
  systemPrompt: ZSystemPrompt.optional(),
  temperature: ZTemperature.optional(),
  maxTokens: ZMaxTokens.optional(),
});

/** A conversation as version 1 kept it: one line of messages, no branches. */
const ZConversationV1 = z.object({
  id: z.string().min(1).max(100),
  title: z.string().max(MAX_TITLE_CHARS),
  createdAt: ZIsoDate,
  updatedAt: ZIsoDate,
  model: z.string().max(200),
  options: ZConversationOptions,
  messages: z.array(ZChatMessage).max(10_000),
  /** Pinned conversations come first in the list. */
  pinned: z.boolean().optional(),
});

/**
 * A conversation (version 2): `messages` is the branch shown; `alternatives` are the other
 * branches, each a whole line of messages that shares a beginning with `messages` and differs
 * from some message on (an edited message, a regenerated reply). See lib/chat/branches.ts.
 */
export const ZConversation = ZConversationV1.extend({
  alternatives: z.array(z.array(ZChatMessage).max(10_000)).max(MAX_ALTERNATIVES),
});

export type TUserMessage = z.infer<typeof ZUserMessage>;
export type TAssistantMessage = z.infer<typeof ZAssistantMessage>;
export type TChatMessage = z.infer<typeof ZChatMessage>;
export type TConversation = z.infer<typeof ZConversation>;

export const ZChatExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.union([z.literal(EXPORT_VERSION), z.literal(VERSION_WITHOUT_ATTACHMENTS)]),
  exportedAt: ZIsoDate,
  conversations: z.array(ZConversation).max(10_000),
});
export type TChatExport = z.infer<typeof ZChatExport>;

const ZChatExportV1 = ZChatExport.extend({
  version: z.literal(1),
  conversations: z.array(ZConversationV1).max(10_000),
});

/** A version 1 conversation in today's format: the one branch it had, no others. */
function fromV1(conversation: z.infer<typeof ZConversationV1>): TConversation {
  return { ...conversation, alternatives: [] };
}

/**
 * A stored record in today's format, whichever version wrote it; null when it is neither (edited
 * by hand, or written by a newer Privet).
 */
export function migrateConversation(record: unknown): TConversation | null {
  const current = ZConversation.safeParse(record);
  if (current.success) return current.data;
  if (typeof record === "object" && record !== null && !("alternatives" in record)) {
    const old = ZConversationV1.safeParse(record);
    if (old.success) return fromV1(old.data);
  }
  return null;
}

export function newConversation(
  id: string,
  model: string,
  now: Date,
  options: TConversationOptions = DEFAULT_CONVERSATION_OPTIONS,
): TConversation {
  return {
    id,
    title: "New chat",
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    model,
    options: { ...options, order: [...options.order] },
    messages: [],
    alternatives: [],
  };
}

/** A title from the first message: its first line, shortened at a word boundary. */
export function titleFromMessage(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0]!.replace(/\s+/g, " ").trim();
  if (line.length === 0) return "New chat";
  if (line.length <= 60) return line;
  const cut = line.slice(0, 60);
  const space = cut.lastIndexOf(" ");
  return `${(space > 30 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * What is sent to the model: the user's messages and every reply that has text (a stopped or
 * cut-off reply is still what the user saw). Replies that produced nothing are left out.
 */
export function toRequestMessages(
  messages: readonly TChatMessage[],
): { role: "user" | "assistant"; content: string; attachments?: TAttachment[] }[] {
  return messages
    .filter((m) => m.role === "user" || m.content.trim().length > 0)
    .map((m) =>
      m.role === "user" && m.attachments?.length
        ? { role: m.role, content: m.content, attachments: m.attachments }
        : { role: m.role, content: m.content },
    );
}

/**
 * When the last exchange failed before any reply text, the user is retrying it: the failed user
 * message and its empty reply are dropped before the new message is added.
 */
export function dropFailedTail(messages: readonly TChatMessage[]): TChatMessage[] {
  const last = messages.at(-1);
  const beforeLast = messages.at(-2);
  if (
    last?.role === "assistant" &&
    last.content.trim().length === 0 &&
    last.status !== "streaming" &&
    beforeLast?.role === "user"
  ) {
    return messages.slice(0, -2);
  }
  return [...messages];
}

/** After a reload, a reply that was streaming when the page went away is marked as interrupted. */
export function settleInterrupted(conversation: TConversation): TConversation {
  if (!conversation.messages.some((m) => m.role === "assistant" && m.status === "streaming")) return conversation;
  return {
    ...conversation,
    messages: conversation.messages.map((m) =>
      m.role === "assistant" && m.status === "streaming" ? { ...m, status: "interrupted" as const } : m,
    ),
  };
}

/**
 * The conversations whose title or any message's text holds every word of `query` (case and
 * accents ignored). An empty query matches all.
 */
export function searchConversations(conversations: readonly TConversation[], query: string): TConversation[] {
  const fold = (text: string) =>
    text
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...conversations];
  return conversations.filter((conversation) => {
    const haystack = fold([conversation.title, ...conversation.messages.map((m) => m.content)].join("\n"));
    return words.every((word) => haystack.includes(word));
  });
}

function hasAttachments(conversation: TConversation): boolean {
  return [conversation.messages, ...conversation.alternatives].some((line) =>
    line.some((m) => m.role === "user" && (m.attachments?.length ?? 0) > 0),
  );
}

export function toExport(conversations: readonly TConversation[], now: Date): TChatExport {
  return {
    format: EXPORT_FORMAT,
    version: conversations.some(hasAttachments) ? EXPORT_VERSION : VERSION_WITHOUT_ATTACHMENTS,
    exportedAt: now.toISOString(),
    conversations: conversations.map(settleInterrupted),
  };
}

export function exportFileName(conversations: readonly TConversation[], now: Date): string {
  const day = now.toISOString().slice(0, 10);
  if (conversations.length !== 1) return `privet-chats-${day}.json`;
  const slug = conversations[0]!.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `privet-chat-${slug || "conversation"}-${day}.json`;
}

export type TImportResult = { ok: true; conversations: TConversation[] } | { ok: false; error: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join(".") : "the file";
  return `${path}: ${issue.message}`;
}

/** Parses an export file. The error says what is wrong and where, never what the file contains. */
export function parseChatImport(text: string): TImportResult {
  if (text.length > MAX_IMPORT_BYTES)
    return { ok: false, error: "This file is too large to import (the limit is 50 MB)." };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "This file is not JSON. Choose a file exported from Privet Chat." };
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof json !== "object" || json === null || format !== EXPORT_FORMAT) {
    return { ok: false, error: 'This file is not a Privet Chat export (it has no "format": "privet-chat").' };
  }
  const version = (json as { version?: unknown }).version;
  if (version !== EXPORT_VERSION && version !== VERSION_WITHOUT_ATTACHMENTS && version !== 1)
    return {
      ok: false,
      error: `This export's version (${String(version).slice(0, 20)}) is not one this Privet can read.`,
    };
  const parsed = version === 1 ? ZChatExportV1.safeParse(json) : ZChatExport.safeParse(json);
  if (!parsed.success)
    return { ok: false, error: `This export is damaged: ${describeIssue(parsed.error.issues[0]!)}.` };
  const conversations =
    version === 1 ? parsed.data.conversations.map(fromV1) : (parsed.data.conversations as TConversation[]);
  if (conversations.length === 0) return { ok: false, error: "This export has no conversations in it." };
  return { ok: true, conversations: conversations.map(settleInterrupted) };
}

/**
 * Imported conversations never overwrite local ones: an id that already exists gets a new id
 * (and the title says it is an import), so importing twice cannot lose anything.
 */
export function mergeImported(
  existingIds: ReadonlySet<string>,
  imported: readonly TConversation[],
  newId: () => string,
): TConversation[] {
  const taken = new Set(existingIds);
  return imported.map((conversation) => {
    if (!taken.has(conversation.id)) {
      taken.add(conversation.id);
      return conversation;
    }
    const id = newId();
    taken.add(id);
    const title = `${conversation.title} (imported)`.slice(0, MAX_TITLE_CHARS);
    return { ...conversation, id, title };
  });
}
