// Files attached to a chat message: images and PDFs, kept with the conversation in the browser and
// sent as content parts in OpenRouter's shape (an image as `image_url` with a data URL, a PDF as a
// `file` part with `file_data`). Their bytes are prompt content: the same rules as message text
// apply (never logged, never in metadata). Pure, shared by the composer, the history and the action.
import { z } from "zod";

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export const ATTACHMENT_TYPES = [...IMAGE_TYPES, "application/pdf"] as const;
export type TAttachmentType = (typeof ATTACHMENT_TYPES)[number];
export type TAttachmentKind = "image" | "pdf";

/** One file's size at most (its bytes, before base64). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/**
 * All attachments a request carries together: the whole conversation is sent with every message,
 * so this bounds the conversation's attachments, earlier ones included.
 */
export const MAX_TOTAL_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 8;
export const MAX_ATTACHMENT_NAME_CHARS = 200;
/**
 * The largest chat request the server takes (the server action's body, next.config.js): the
 * attachments in base64 (4/3 of their size) and room for the conversation's text.
 */
export const CHAT_REQUEST_MAX_BYTES = 24 * 1024 * 1024;

const DATA_URL = /^data:([a-z/+.-]+);base64,([A-Za-z0-9+/]*={0,2})$/;

/** The bytes a base64 text decodes to. */
function decodedBytes(base64: string): number {
  const padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/**
 * An attachment as a message keeps it and the action receives it: its name, type, size and its
 * bytes as a base64 data URL of that type. The size must be what the data decodes to.
 */
export const ZAttachment = z
  .object({
    name: z.string().min(1).max(MAX_ATTACHMENT_NAME_CHARS),
    type: z.enum(ATTACHMENT_TYPES, { error: "Only PNG, JPEG, WebP and GIF images and PDFs can be attached." }),
    size: z.number().int().min(1),
    data: z.string(),
  })
  .superRefine((attachment, ctx) => {
    if (attachment.size > MAX_ATTACHMENT_BYTES) {
      ctx.addIssue({ code: "custom", message: `An attachment can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}.` });
      return;
    }
    // Checked before the pattern: a regular expression over megabytes is only run on a plausible length.
    const m = attachment.data.length <= (MAX_ATTACHMENT_BYTES / 3) * 4 + 100 ? DATA_URL.exec(attachment.data) : null;
    if (!m || m[1] !== attachment.type || m[2]!.length % 4 !== 0 || decodedBytes(m[2]!) !== attachment.size) {
      ctx.addIssue({
        code: "custom",
        message: "An attachment is damaged (its data does not match its type and size).",
      });
    }
  });
export type TAttachment = z.infer<typeof ZAttachment>;

export function attachmentKind(type: TAttachmentType): TAttachmentKind {
  return type === "application/pdf" ? "pdf" : "image";
}

export function isAttachmentType(type: string): type is TAttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(type);
}

/**
 * "512 B", "12 KB", "4.8 MB" (binary units, as file managers show sizes). Rounded up when a size is
 * compared with a limit, so a file just over 5 MB never reads "5 MB".
 */
export function formatBytes(bytes: number, rounding: "nearest" | "up" = "nearest"): string {
  const round = rounding === "up" ? Math.ceil : Math.round;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? round(mb * 10) / 10 : round(mb)} MB`;
}

/** The limits as the composer states them before anything is chosen. */
export const ATTACHMENT_LIMITS_TEXT = `Images (PNG, JPEG, WebP, GIF) and PDFs, up to ${formatBytes(MAX_ATTACHMENT_BYTES)} each and ${formatBytes(MAX_TOTAL_ATTACHMENT_BYTES)} per conversation.`;

/**
 * Why a file cannot be added to a message that already has `pending` attachments in a
 * conversation whose earlier messages carry `earlierBytes`; null when it can. Said before
 * anything is read or sent.
 */
export function attachmentRefusal(
  file: { name: string; type: string; size: number },
  pending: readonly { size: number }[],
  earlierBytes: number,
): string | null {
  const name = file.name.length > 60 ? `${file.name.slice(0, 57)}…` : file.name;
  if (!isAttachmentType(file.type))
    return `“${name}” cannot be attached: only PNG, JPEG, WebP and GIF images and PDFs can.`;
  if (file.size === 0) return `“${name}” is empty.`;
  if (file.size > MAX_ATTACHMENT_BYTES)
    return `“${name}” is ${formatBytes(file.size, "up")}: a file can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}.`;
  if (pending.length >= MAX_ATTACHMENTS_PER_MESSAGE)
    return `A message can carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments.`;
  const total = earlierBytes + attachmentBytes(pending) + file.size;
  if (total > MAX_TOTAL_ATTACHMENT_BYTES)
    return `“${name}” would bring this conversation's attachments to ${formatBytes(total, "up")}: the limit is ${formatBytes(MAX_TOTAL_ATTACHMENT_BYTES)} per conversation (all of it is sent with every message). Start a new conversation for more.`;
  return null;
}

/** Every attachment of these messages, in order. */
export function attachmentsOf<T>(messages: readonly { role: string; attachments?: readonly T[] }[]): T[] {
  return messages.flatMap((m) => (m.role === "user" ? (m.attachments ?? []) : []));
}

/** The sum of the attachments' sizes. */
export function attachmentBytes(attachments: readonly { size: number }[]): number {
  return attachments.reduce((sum, a) => sum + a.size, 0);
}

export type TAttachmentCounts = { images: number; pdfs: number };

export function countAttachments(attachments: readonly { type: TAttachmentType }[]): TAttachmentCounts {
  const counts = { images: 0, pdfs: 0 };
  for (const a of attachments) {
    if (attachmentKind(a.type) === "pdf") counts.pdfs += 1;
    else counts.images += 1;
  }
  return counts;
}

/** "2 images and 1 PDF"; "" for none. */
export function describeCounts({ images, pdfs }: TAttachmentCounts): string {
  const parts = [
    ...(images > 0 ? [`${images} image${images === 1 ? "" : "s"}`] : []),
    ...(pdfs > 0 ? [`${pdfs} PDF${pdfs === 1 ? "" : "s"}`] : []),
  ];
  return parts.join(" and ");
}

export type TUserContentPart =
  | { type: "text"; text: string }
  | { type: "image_url"; image_url: { url: string } }
  | { type: "file"; file: { filename: string; file_data: string } };

/** A user message's content as sent: its text alone, or its text and attachments as content parts. */
export function toUserContent(
  text: string,
  attachments: readonly TAttachment[] | undefined,
): string | TUserContentPart[] {
  if (!attachments || attachments.length === 0) return text;
  const parts: TUserContentPart[] = text.trim().length > 0 ? [{ type: "text", text }] : [];
  for (const a of attachments) {
    parts.push(
      attachmentKind(a.type) === "pdf"
        ? { type: "file", file: { filename: a.name, file_data: a.data } }
        : { type: "image_url", image_url: { url: a.data } },
    );
  }
  return parts;
}
