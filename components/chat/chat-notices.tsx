"use client";

import type { ReactNode } from "react";
import { optionsKey, type TChatModelView, type TConversationOptions } from "@/lib/chat/types";
import { FixList, type TFixHandler } from "@/components/chat/chat-error";

function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1.5 rounded-lg border border-warning/30 bg-warning-soft px-3 py-2 text-xs text-foreground">
      {children}
    </div>
  );
}

/**
 * What stands in the way of the next message, above the composer: a model this server's catalog
 * lacks, or a model no provider may serve under the settings (with the fixes).
 */
export function ChatNotices({
  modelId,
  model,
  options,
  onConversationFix,
}: {
  /** The conversation's model id. */
  modelId: string;
  /** That model, when the catalog has it. */
  model: TChatModelView | undefined;
  options: TConversationOptions;
  onConversationFix: TFixHandler;
}) {
  if (model === undefined && modelId) {
    return (
      <Notice>
        This conversation&apos;s model <code className="font-mono">{modelId}</code> is not in this server&apos;s
        catalog. Pick another model.
      </Notice>
    );
  }
  const blocked = model?.availability[optionsKey(options)].refusal ?? null;
  if (!blocked) return null;
  return (
    <Notice>
      <span>
        No provider can serve <strong>{model?.name}</strong> under your settings
        {options.denyDataCollection || options.zdr ? " and this conversation's options" : ""}:{" "}
        {blocked.labels.join(", ")}.
      </span>
      <FixList
        fixes={blocked.fixes}
        onConversationFix={onConversationFix}
        className="flex flex-wrap gap-x-4 gap-y-1.5"
      />
    </Notice>
  );
}
