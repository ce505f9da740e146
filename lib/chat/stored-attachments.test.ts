// Attachments as the browser stores them: the bytes once per file under their SHA-256, the
// conversation record referring to them, everything put back on reading, and the files no record
// refers to found for deletion. The IndexedDB side (upgrade, deletion in a real browser) is
// e2e/chat-attachments.ui.spec.ts and e2e/chat-features.ui.spec.ts.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TAttachment } from "@/lib/chat/attachments";
import { migrateConversation, newConversation, type TChatMessage, type TConversation } from "@/lib/chat/history";
import {
  attachmentHash,
  hasInlineFiles,
  orphanedFiles,
  referencedHashes,
  sha256,
  sha256Hex,
  toStoredConversation,
  withFiles,
} from "@/lib/chat/stored-attachments";

const NOW = new Date("2026-06-16T10:00:00.000Z").toISOString();

function png(bytes: Buffer, name = "cat.png"): TAttachment {
  return { name, type: "image/png", size: bytes.length, data: `data:image/png;base64,${bytes.toString("base64")}` };
}

function user(id: string, content: string, attachments?: TAttachment[]): TChatMessage {
  return { id, role: "user", content, createdAt: NOW, ...(attachments ? { attachments } : {}) };
}

const nodeSha = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");

/** A conversation whose first message carries `cat` and `doc`, with a branch that repeats `cat` on an edited message. */
function conversationWith(cat: TAttachment, doc: TAttachment): TConversation {
  const first = user("u1", "look", [cat, doc]);
  return {
    ...newConversation("c1", "m", new Date(NOW)),
    messages: [first, user("u2", "again", [cat])],
    alternatives: [[first, user("u2b", "edited", [{ ...cat }])]],
  };
}

describe("sha256", () => {
  it("matches the standard digest, in script and through Web Crypto", async () => {
    for (const text of ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "é€𝄞", "x".repeat(100_003)]) {
      expect(Buffer.from(sha256(new TextEncoder().encode(text))).toString("hex")).toBe(nodeSha(text));
      expect(await sha256Hex(text)).toBe(nodeSha(text));
    }
  });
});

describe("toStoredConversation", () => {
  it("keeps each file once under its hash and leaves only references in the record", async () => {
    const cat = png(randomBytes(3000));
    const doc = png(randomBytes(2000), "doc.png");
    const conversation = conversationWith(cat, doc);
    const { record, files } = await toStoredConversation(conversation);

    expect([...files.keys()].sort()).toEqual([nodeSha(cat.data), nodeSha(doc.data)].sort());
    expect(files.get(nodeSha(cat.data))).toBe(cat.data);
    const text = JSON.stringify(record);
    expect(text).not.toContain(cat.data);
    expect(text).not.toContain(doc.data);
    expect(hasInlineFiles(record)).toBe(false);
    expect(referencedHashes(record)).toEqual([
      nodeSha(cat.data),
      nodeSha(doc.data),
      nodeSha(cat.data),
      nodeSha(cat.data),
      nodeSha(doc.data),
      nodeSha(cat.data),
    ]);
    // The conversation itself is not changed: the UI, sending and the export keep the bytes.
    expect(conversation.messages[0]).toMatchObject({ attachments: [{ data: cat.data }, { data: doc.data }] });
  });

  it("is read back as the same conversation, branches included", async () => {
    const conversation = conversationWith(png(randomBytes(300)), png(randomBytes(200), "doc.png"));
    const { record, files } = await toStoredConversation(conversation);
    // Through structured cloning, as IndexedDB keeps it.
    expect(migrateConversation(withFiles(structuredClone(record), files))).toEqual(conversation);
  });

  it("leaves a conversation without attachments as it is", async () => {
    const conversation = { ...newConversation("c2", "m", new Date(NOW)), messages: [user("u1", "hi")] };
    const { record, files } = await toStoredConversation(conversation);
    expect(record).toEqual(conversation);
    expect(files.size).toBe(0);
  });

  it("hashes an attachment object once however often it is saved", async () => {
    const cat = png(randomBytes(100));
    expect(await attachmentHash(cat)).toBe(nodeSha(cat.data));
    // A hash remembered for the object is not computed again (mutating the data would be a bug elsewhere).
    (cat as { data: string }).data = "changed";
    expect(await attachmentHash(cat)).not.toBe(nodeSha("changed"));
  });
});

describe("withFiles", () => {
  it("leaves a record with its bytes inline (written before the attachments store) as it is", () => {
    const inline = {
      ...newConversation("c3", "m", new Date(NOW)),
      messages: [user("u1", "x", [png(randomBytes(10))])],
    };
    expect(hasInlineFiles(inline)).toBe(true);
    expect(withFiles(inline, new Map())).toEqual(inline);
    expect(referencedHashes(inline)).toEqual([]);
  });

  it("leaves out an attachment whose file is missing rather than the conversation", async () => {
    const cat = png(randomBytes(50));
    const doc = png(randomBytes(60), "doc.png");
    const { record, files } = await toStoredConversation(conversationWith(cat, doc));
    files.delete(nodeSha(doc.data));
    const read = migrateConversation(withFiles(record, files));
    expect(read?.messages[0]).toMatchObject({ content: "look", attachments: [{ name: "cat.png", data: cat.data }] });
    expect(read?.messages[0]?.role === "user" && read.messages[0].attachments).toHaveLength(1);
  });

  it("passes through what is not a record (the parser then skips it)", () => {
    expect(withFiles(null, new Map())).toBeNull();
    expect(withFiles("x", new Map())).toBe("x");
    expect(referencedHashes(42)).toEqual([]);
  });
});

describe("orphanedFiles", () => {
  it("names the files no remaining record refers to", async () => {
    const shared = png(randomBytes(40));
    const onlyA = png(randomBytes(41), "a.png");
    const onlyB = png(randomBytes(42), "b.png");
    const a = await toStoredConversation({
      ...newConversation("a", "m", new Date(NOW)),
      messages: [user("u", "a", [shared, onlyA])],
    });
    const b = await toStoredConversation({
      ...newConversation("b", "m", new Date(NOW)),
      messages: [user("u", "b", [shared, onlyB])],
    });
    const all = [...new Set([...a.files.keys(), ...b.files.keys()])];
    expect(all).toHaveLength(3);
    expect(orphanedFiles([a.record, b.record], all)).toEqual([]);
    // Conversation b deleted: its own file goes, the shared one stays for a.
    expect(orphanedFiles([a.record], all)).toEqual([nodeSha(onlyB.data)]);
    // Both deleted: nothing stays.
    expect(orphanedFiles([], all).sort()).toEqual(all.sort());
    // A file only an unparseable record still refers to is kept: nothing is lost by a bad record.
    expect(
      orphanedFiles([{ messages: [{ role: "user", attachments: [{ ref: nodeSha(onlyB.data) }] }] }], all),
    ).not.toContain(nodeSha(onlyB.data));
  });
});
