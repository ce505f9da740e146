"use client";

import { useState } from "react";
import { attachmentRefusal, isAttachmentType, type TAttachment } from "@/lib/chat/attachments";

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsDataURL(file);
  });
}

export type TPendingAttachments = {
  items: TAttachment[];
  /** Why the last file chosen was not added (type, size, count, the conversation's total); null when all were. */
  error: string | null;
  /** Adds files to the message being written; the limits are checked first, each file on its own. */
  add: (files: readonly File[], earlierBytes: number) => Promise<void>;
  remove: (index: number) => void;
  /** Replaces them (a message given back after it got no reply); clears the error. */
  set: (items: TAttachment[]) => void;
};

/** The images and PDFs attached to the message being written, read in this browser only. */
export function usePendingAttachments(): TPendingAttachments {
  const [items, setItems] = useState<TAttachment[]>([]);
  const [error, setError] = useState<string | null>(null);

  async function add(files: readonly File[], earlierBytes: number) {
    const added: TAttachment[] = [];
    let refusal: string | null = null;
    for (const file of files) {
      const problem = attachmentRefusal(file, [...items, ...added], earlierBytes);
      if (problem || !isAttachmentType(file.type)) {
        refusal = problem;
        continue;
      }
      try {
        const data = await readAsDataUrl(file);
        added.push({ name: file.name.slice(0, 200) || "attachment", type: file.type, size: file.size, data });
      } catch {
        refusal = "The browser could not read that file.";
      }
    }
    setError(refusal);
    if (added.length > 0) setItems((current) => [...current, ...added]);
  }

  return {
    items,
    error,
    add,
    remove: (index) => {
      setItems((current) => current.filter((_, i) => i !== index));
      setError(null);
    },
    set: (next) => {
      setItems(next);
      setError(null);
    },
  };
}
