"use client";

import { exportFileName, toExport, type TConversation } from "@/lib/chat/history";

/** Saves conversations as a Privet chat export (JSON) through the browser's download. */
export function downloadExport(conversations: TConversation[]) {
  const now = new Date();
  const blob = new Blob([JSON.stringify(toExport(conversations, now), null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = exportFileName(conversations, now);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
