// Attachments as the composer checks them, the action validates them and the request carries them:
// the limits said before anything is read, data that must match its type and size, and
// OpenRouter's content parts (an image as `image_url`, a PDF as a `file` part).
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config.js";
import {
  attachmentRefusal,
  CHAT_REQUEST_MAX_BYTES,
  countAttachments,
  describeCounts,
  MAX_ATTACHMENT_BYTES,
  MAX_TOTAL_ATTACHMENT_BYTES,
  toUserContent,
  ZAttachment,
} from "@/lib/chat/attachments";
import { ZChatSendInput } from "@/lib/chat/schemas";

const png = (bytes: Buffer) => ({
  name: "cat.png",
  type: "image/png" as const,
  size: bytes.length,
  data: `data:image/png;base64,${bytes.toString("base64")}`,
});
const pdf = (bytes: Buffer) => ({
  name: "report.pdf",
  type: "application/pdf" as const,
  size: bytes.length,
  data: `data:application/pdf;base64,${bytes.toString("base64")}`,
});

describe("attachmentRefusal (before a file is read)", () => {
  it("takes PNG, JPEG, WebP, GIF and PDF within the limits", () => {
    for (const type of ["image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf"])
      expect(attachmentRefusal({ name: "f", type, size: 1000 }, [], 0)).toBeNull();
  });

  it("refuses other types, empty and oversized files, with the limit in the message", () => {
    expect(attachmentRefusal({ name: "a.svg", type: "image/svg+xml", size: 10 }, [], 0)).toMatch(/cannot be attached/);
    expect(attachmentRefusal({ name: "a.txt", type: "", size: 10 }, [], 0)).toMatch(/cannot be attached/);
    expect(attachmentRefusal({ name: "a.png", type: "image/png", size: 0 }, [], 0)).toMatch(/is empty/);
    expect(attachmentRefusal({ name: "big.png", type: "image/png", size: MAX_ATTACHMENT_BYTES + 1 }, [], 0)).toBe(
      "“big.png” is 5.1 MB: a file can be at most 5 MB.",
    );
  });

  it("counts the conversation's earlier attachments and the ones already added towards the total", () => {
    const four = 4 * 1024 * 1024;
    expect(attachmentRefusal({ name: "c.pdf", type: "application/pdf", size: four }, [{ size: four }], 0)).toBeNull();
    expect(attachmentRefusal({ name: "c.pdf", type: "application/pdf", size: four }, [{ size: four }], four)).toMatch(
      /would bring this conversation's attachments to 12 MB: the limit is 10 MB/,
    );
  });
});

describe("ZAttachment (what the action accepts)", () => {
  it("accepts data that matches its type and size", () => {
    expect(ZAttachment.safeParse(png(Buffer.from("\x89PNG....."))).success).toBe(true);
    expect(ZAttachment.safeParse(pdf(Buffer.from("%PDF-1.4 x"))).success).toBe(true);
  });

  it("refuses a size that is not the data's, another type's data, a URL and an oversized file", () => {
    const ok = png(Buffer.from("abcdef"));
    expect(ZAttachment.safeParse({ ...ok, size: ok.size + 1 }).success).toBe(false);
    expect(ZAttachment.safeParse({ ...ok, type: "application/pdf" }).success).toBe(false);
    expect(ZAttachment.safeParse({ ...ok, data: "https://example.com/cat.png" }).success).toBe(false);
    expect(ZAttachment.safeParse({ ...ok, type: "image/svg+xml" }).success).toBe(false);
    const big = png(Buffer.alloc(MAX_ATTACHMENT_BYTES + 3));
    expect(ZAttachment.safeParse(big).error?.issues[0]?.message).toBe("An attachment can be at most 5 MB.");
  });
});

describe("ZChatSendInput with attachments", () => {
  const base = {
    requestId: "7d2f6c1e-2f1a-4c55-9d7e-0a1b2c3d4e5f",
    model: "e2e/echo",
    options: { denyDataCollection: false, zdr: false, order: [] },
  };

  it("sends a message that is only an attachment", () => {
    const parsed = ZChatSendInput.safeParse({
      ...base,
      messages: [{ role: "user", content: "", attachments: [png(Buffer.from("img"))] }],
    });
    expect(parsed.success).toBe(true);
  });

  it("refuses attachments on a reply and a conversation over the total", () => {
    const onReply = ZChatSendInput.safeParse({
      ...base,
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello", attachments: [png(Buffer.from("img"))] },
        { role: "user", content: "and?" },
      ],
    });
    expect(onReply.error?.issues[0]?.message).toBe("Only your messages can have attachments.");
    const file = pdf(Buffer.alloc(4 * 1024 * 1024));
    const tooMuch = ZChatSendInput.safeParse({
      ...base,
      messages: [
        { role: "user", content: "one", attachments: [file, file] },
        { role: "assistant", content: "ok" },
        { role: "user", content: "two", attachments: [file] },
      ],
    });
    expect(tooMuch.error?.issues[0]?.message).toMatch(/attachments are over 10 MB together/);
  });
});

describe("toUserContent (OpenRouter's content parts)", () => {
  it("is the text alone without attachments", () => {
    expect(toUserContent("hello", undefined)).toBe("hello");
    expect(toUserContent("hello", [])).toBe("hello");
  });

  it("sends an image as image_url and a PDF as a file part with its name", () => {
    const image = png(Buffer.from("img"));
    const document = pdf(Buffer.from("%PDF"));
    expect(toUserContent("What is this?", [image, document])).toEqual([
      { type: "text", text: "What is this?" },
      { type: "image_url", image_url: { url: image.data } },
      { type: "file", file: { filename: "report.pdf", file_data: document.data } },
    ]);
    expect(toUserContent("  ", [image])).toEqual([{ type: "image_url", image_url: { url: image.data } }]);
  });
});

describe("counts", () => {
  it("names what was sent", () => {
    const counts = countAttachments([{ type: "image/png" }, { type: "image/gif" }, { type: "application/pdf" }]);
    expect(counts).toEqual({ images: 2, pdfs: 1 });
    expect(describeCounts(counts)).toBe("2 images and 1 PDF");
    expect(describeCounts({ images: 0, pdfs: 0 })).toBe("");
  });
});

describe("the server's body limit", () => {
  it("is the chat's request limit, and fits every attachment in base64 with room for text", () => {
    const experimental = (nextConfig as { experimental?: Record<string, unknown> }).experimental;
    expect(experimental?.serverActions).toEqual({ bodySizeLimit: CHAT_REQUEST_MAX_BYTES });
    expect(experimental?.proxyClientMaxBodySize).toBe(CHAT_REQUEST_MAX_BYTES);
    expect(CHAT_REQUEST_MAX_BYTES).toBeGreaterThan((MAX_TOTAL_ATTACHMENT_BYTES * 4) / 3 + 4 * 1024 * 1024);
  });
});
