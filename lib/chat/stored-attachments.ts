// How the browser stores attachments: their bytes (the data URL) once, in an object store of their
// own keyed by a content hash (SHA-256 of the data URL), and the conversation record refers to them
// by that hash. Saving a conversation while a reply streams then rewrites only its text and
// metadata, and a file attached in several branches or conversations is kept once. Pure: the
// IndexedDB side is components/chat/conversation-store.ts. The conversations the UI holds (and the
// export) keep the bytes inline; only the stored record refers.
import type { TAttachment } from "@/lib/chat/attachments";
import type { TConversation } from "@/lib/chat/history";

/** An attachment as a stored record keeps it: everything but the bytes, and the hash of them. */
type TAttachmentRef = Omit<TAttachment, "data"> & { ref: string };

/** A row of the attachments store. */
export type TStoredFile = { hash: string; data: string };

/** The hash of attachments already hashed (the same objects are saved again and again while a reply streams). */
const hashes = new WeakMap<object, string>();

/** The SHA-256 of the attachment's data URL, in hex; remembered for this attachment object. */
export async function attachmentHash(attachment: TAttachment): Promise<string> {
  const known = hashes.get(attachment);
  if (known) return known;
  const hash = await sha256Hex(attachment.data);
  hashes.set(attachment, hash);
  return hash;
}

/** Remembers the hash of an attachment read back from the store, so the next save need not hash it. */
function rememberHash(attachment: TAttachment, hash: string): void {
  hashes.set(attachment, hash);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}

/** SHA-256 of a text's UTF-8, in hex: Web Crypto where the page has it, else the same in script. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  // Web Crypto exists only in a secure context; Privet served over plain HTTP on a LAN has none.
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return toHex(new Uint8Array(await subtle.digest("SHA-256", bytes)));
  return toHex(sha256(bytes));
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** SHA-256 (FIPS 180-4) in script, for a page without Web Crypto. */
export function sha256(message: Uint8Array): Uint8Array {
  const bitLength = message.length * 8;
  const padded = new Uint8Array(Math.ceil((message.length + 9) / 64) * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0]! += a;
    h[1]! += b;
    h[2]! += c;
    h[3]! += d;
    h[4]! += e;
    h[5]! += f;
    h[6]! += g;
    h[7]! += hh;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]!);
  return out;
}

type TLine = readonly { role: string; attachments?: readonly unknown[] }[];

function linesOf(record: unknown): TLine[] {
  if (typeof record !== "object" || record === null) return [];
  const { messages, alternatives } = record as { messages?: unknown; alternatives?: unknown };
  const lines: unknown[] = [messages, ...(Array.isArray(alternatives) ? alternatives : [])];
  return lines.filter((line): line is TLine => Array.isArray(line));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * The conversation as the store keeps it, every attachment a reference, and the files it refers
 * to by hash. Identical files (in several branches, or attached twice) are one file.
 */
export async function toStoredConversation(
  conversation: TConversation,
): Promise<{ record: unknown; files: Map<string, string> }> {
  const files = new Map<string, string>();
  const strip = async (line: TConversation["messages"]) =>
    Promise.all(
      line.map(async (message) => {
        if (message.role !== "user" || !message.attachments?.length) return message;
        const attachments: TAttachmentRef[] = await Promise.all(
          message.attachments.map(async (attachment) => {
            const hash = await attachmentHash(attachment);
            files.set(hash, attachment.data);
            const { data: _data, ...rest } = attachment;
            return { ...rest, ref: hash };
          }),
        );
        return { ...message, attachments };
      }),
    );
  const record = {
    ...conversation,
    messages: await strip(conversation.messages),
    alternatives: await Promise.all(conversation.alternatives.map(strip)),
  };
  return { record, files };
}

/**
 * A stored record with its attachments' bytes put back from `files` (hash → data URL), ready to be
 * parsed as a conversation. An attachment whose file is missing is left out rather than losing the
 * conversation. Records from before the store (bytes inline) are returned as they are.
 */
export function withFiles(record: unknown, files: ReadonlyMap<string, string>): unknown {
  if (!isObject(record)) return record;
  const fill = (line: unknown) =>
    Array.isArray(line)
      ? line.map((message: unknown) => {
          if (!isObject(message) || !Array.isArray(message.attachments)) return message;
          const attachments = message.attachments.flatMap((attachment: unknown) => {
            if (!isObject(attachment) || typeof attachment.ref !== "string") return [attachment];
            const data = files.get(attachment.ref);
            if (data === undefined) return [];
            const { ref: _ref, ...rest } = attachment;
            return [{ ...rest, data }];
          });
          return { ...message, attachments };
        })
      : line;
  return {
    ...record,
    messages: fill(record.messages),
    ...(Array.isArray(record.alternatives) ? { alternatives: record.alternatives.map(fill) } : {}),
  };
}

/** The hashes a stored record refers to. */
export function referencedHashes(record: unknown): string[] {
  return linesOf(record).flatMap((line) =>
    line.flatMap((message) =>
      (message.attachments ?? []).flatMap((a) => (isObject(a) && typeof a.ref === "string" ? [a.ref] : [])),
    ),
  );
}

/** Whether a stored record still holds attachment bytes inline (written before the attachments store). */
export function hasInlineFiles(record: unknown): boolean {
  return linesOf(record).some((line) =>
    line.some((message) => (message.attachments ?? []).some((a) => isObject(a) && typeof a.data === "string")),
  );
}

/** The stored files no record refers to: what deleting or changing a conversation leaves behind. */
export function orphanedFiles(records: readonly unknown[], fileHashes: readonly string[]): string[] {
  const referenced = new Set(records.flatMap(referencedHashes));
  return fileHashes.filter((hash) => !referenced.has(hash));
}

/** After a stored conversation was read back, its attachments need not be hashed again. */
export function rememberHashes(conversation: TConversation, hashByData: ReadonlyMap<string, string>): void {
  for (const line of [conversation.messages, ...conversation.alternatives])
    for (const message of line)
      if (message.role === "user")
        for (const attachment of message.attachments ?? []) {
          const hash = hashByData.get(attachment.data);
          if (hash) rememberHash(attachment, hash);
        }
}
