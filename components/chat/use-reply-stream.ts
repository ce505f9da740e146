"use client";

import { useRef, useState } from "react";
import {
  dropFailedTail,
  titleFromMessage,
  toRequestMessages,
  type TAssistantMessage,
  type TConversation,
  type TUserMessage,
} from "@/lib/chat/history";
import { newId } from "@/lib/chat/ids";
import { chatRequestBytes } from "@/lib/chat/schemas";
import { CHAT_REQUEST_MAX_BYTES, formatBytes, type TAttachment } from "@/lib/chat/attachments";
import type { TChatErrorView } from "@/lib/chat/types";
import type { TSendChatAction, TStopChatAction } from "@/components/chat/types";
import type { TUpdateConversation } from "@/components/chat/use-conversations";

/** The reply being streamed in this tab. */
type TActiveReply = {
  requestId: string;
  conversationId: string;
  assistantId: string;
  isStopped: boolean;
  isDone: boolean;
  /** A new reply to the last message (its text is not the writer's to have back). */
  isRegeneration: boolean;
  reader: ReadableStreamDefaultReader<unknown> | null;
};

const STOP_FALLBACK_MS = 8_000;
const PERSIST_EVERY_MS = 1_000;

function clientError(title: string, message: string): TChatErrorView {
  return { kind: "other", status: 0, title, message, refusal: null, attempts: [], generationId: null };
}

export type TReplyStream = {
  isStreaming: boolean;
  /** What happened last, for the live region (sending, who replies, done, stopped, failed). */
  announcement: string;
  /**
   * Adds `text` to `base` (after dropping a failed last turn) and streams the reply into it; with
   * `isRegeneration`, `base` already ends with the message `text` and only a new reply is added.
   * `base` may be a new branch of the conversation (lib/chat/branches.ts).
   * False, with nothing sent, while another reply streams.
   */
  send: (
    text: string,
    base: TConversation,
    options?: { isRegeneration?: boolean; attachments?: TAttachment[] },
  ) => boolean;
  /** Stops the streaming reply: at once in the UI, on the server by the stop action. False if none streams. */
  stop: () => boolean;
};

/**
 * Sends a message through the chat's server action and streams the reply into the conversation:
 * text, thinking, the receipt, the outcome, and errors as the message's own state. One reply
 * streams at a time per tab.
 */
export function useReplyStream({
  sendAction,
  stopAction,
  update,
  onUnanswered,
}: {
  sendAction: TSendChatAction;
  stopAction: TStopChatAction;
  /** Writes into the conversations (useConversations' `update`). */
  update: TUpdateConversation;
  /** A message that got no reply at all (not one word), so that the writer can have it back, attachments too. */
  onUnanswered: (text: string, assistantId: string, attachments: TAttachment[]) => void;
}): TReplyStream {
  const [streamingId, setStreamingId] = useState<string | null>(null);
  const activeRef = useRef<TActiveReply | null>(null);
  const [announcement, setAnnouncement] = useState("");

  function patchAssistant(
    conversationId: string,
    assistantId: string,
    change: (m: TAssistantMessage) => TAssistantMessage,
    persist: boolean,
  ) {
    update(
      conversationId,
      (c) => ({
        ...c,
        messages: c.messages.map((m) => (m.id === assistantId && m.role === "assistant" ? change(m) : m)),
      }),
      { persist },
    );
  }

  function finishActive(active: TActiveReply) {
    active.isDone = true;
    if (activeRef.current === active) {
      activeRef.current = null;
      setStreamingId(null);
    }
  }

  async function stream(
    text: string,
    attachments: TAttachment[],
    base: TConversation,
    active: TActiveReply,
    history: TConversation["messages"],
  ) {
    const { conversationId, assistantId } = active;
    const patch = (change: (m: TAssistantMessage) => TAssistantMessage, persist = true) =>
      patchAssistant(conversationId, assistantId, change, persist);
    const fail = (error: TChatErrorView, hasText: boolean) => {
      patch((m) => ({ ...m, status: m.status === "stopped" ? "stopped" : "error", error }));
      setAnnouncement(`The reply failed: ${error.title}.`);
      // Nothing is lost: a message that got no reply goes back to the writer.
      if (!hasText && !active.isRegeneration) onUnanswered(text, assistantId, attachments);
    };

    const started = performance.now();
    let content = "";
    let reasoning = "";
    let lastPersist = Date.now();
    try {
      const input = {
        requestId: active.requestId,
        model: base.model,
        messages: toRequestMessages(history),
        options: base.options,
      };
      const bytes = chatRequestBytes(input);
      if (bytes > CHAT_REQUEST_MAX_BYTES) {
        // One turn later: the composer empties itself once the send has started, and the message
        // goes back into it after that.
        await Promise.resolve();
        fail(
          {
            ...clientError(
              "This conversation is too large to send",
              `With this message it comes to ${formatBytes(bytes)}, over the ${formatBytes(CHAT_REQUEST_MAX_BYTES)} Privet takes in one request. Start a new chat, or edit a long message to shorten it.`,
            ),
            kind: "invalid",
          },
          false,
        );
        return;
      }
      const result = await sendAction(input);
      if (!result.ok) {
        fail({ ...clientError("Your message was not sent", result.error), kind: "invalid" }, false);
        return;
      }
      const reader = result.data.events.getReader();
      active.reader = reader;
      for (;;) {
        const { done, value: event } = await reader.read();
        if (done) break;
        if (event.type === "sending") {
          // Saved at once: a reload before the reply starts keeps whom the conversation reached.
          const { receipt } = event;
          patch((m) => ({
            ...m,
            sentTo: [...(m.sentTo ?? []).filter((r) => r.provider.slug !== receipt.provider.slug), receipt],
          }));
        } else if (event.type === "start") {
          patch((m) => ({ ...m, receipt: event.receipt }));
          if (!active.isStopped) setAnnouncement(`${event.receipt.provider.name} is replying.`);
        } else if (event.type === "delta") {
          if (active.isStopped) continue;
          const isFirst = content.length === 0;
          content += event.text;
          const isDue = Date.now() - lastPersist > PERSIST_EVERY_MS;
          if (isDue) lastPersist = Date.now();
          const firstTokenMs = isFirst ? Math.round(performance.now() - started) : null;
          patch((m) => ({ ...m, content, clientFirstTokenMs: firstTokenMs ?? m.clientFirstTokenMs }), isDue);
        } else if (event.type === "reasoning") {
          if (active.isStopped) continue;
          reasoning += event.text;
          const isDue = Date.now() - lastPersist > PERSIST_EVERY_MS;
          if (isDue) lastPersist = Date.now();
          patch((m) => ({ ...m, reasoning }), isDue);
        } else if (event.type === "error") {
          // The record's list of who received the request replaces what the browser was told.
          const { sentTo } = event.error;
          if (sentTo) patch((m) => ({ ...m, sentTo }));
          if (event.error.kind === "cancelled") patch((m) => ({ ...m, status: "stopped", error: event.error }));
          else fail(event.error, content.length > 0);
        } else if (event.type === "end") {
          const { outcome } = event;
          patch((m) => ({
            ...m,
            outcome,
            sentTo: outcome.sentTo ?? m.sentTo,
            status:
              m.status === "streaming"
                ? outcome.status === "success"
                  ? "complete"
                  : outcome.status === "cancelled"
                    ? "stopped"
                    : "error"
                : m.status,
          }));
          if (outcome.status === "success" && !active.isStopped) setAnnouncement("The reply is complete.");
        }
      }
    } catch {
      // The action itself failed: network gone, server restarted, or a conversation too large to send.
      if (!active.isStopped)
        fail(
          clientError(
            "Privet could not be reached",
            "Check your connection and try again. Very long conversations may also be too large to send: start a new one.",
          ),
          content.length > 0,
        );
    } finally {
      patch((m) => {
        if (m.status !== "streaming") return m;
        if (active.isStopped) return { ...m, status: "stopped" };
        return {
          ...m,
          status: "error",
          error: clientError(
            "The connection to Privet was lost",
            "The reply ended before Privet said how it went. Try again.",
          ),
        };
      });
      finishActive(active);
    }
  }

  function send(
    text: string,
    base: TConversation,
    { isRegeneration = false, attachments = [] }: { isRegeneration?: boolean; attachments?: TAttachment[] } = {},
  ): boolean {
    if (activeRef.current) return false;
    const now = new Date().toISOString();
    const user: TUserMessage = {
      id: newId(),
      role: "user",
      content: text,
      createdAt: now,
      ...(attachments.length > 0 ? { attachments } : {}),
    };
    const assistant: TAssistantMessage = {
      id: newId(),
      role: "assistant",
      content: "",
      createdAt: now,
      model: base.model,
      status: "streaming",
      receipt: null,
      outcome: null,
      error: null,
      clientFirstTokenMs: null,
    };
    const history = isRegeneration ? [...base.messages] : [...dropFailedTail(base.messages), user];
    update(base.id, (c) => ({
      ...c,
      title: c.messages.length === 0 ? titleFromMessage(text || (attachments[0]?.name ?? "")) : c.title,
      updatedAt: now,
      messages: [...history, assistant],
      alternatives: base.alternatives,
    }));

    const active: TActiveReply = {
      requestId: newId(),
      conversationId: base.id,
      assistantId: assistant.id,
      isStopped: false,
      isDone: false,
      isRegeneration,
      reader: null,
    };
    activeRef.current = active;
    setStreamingId(active.requestId);
    setAnnouncement("Sending…");
    void stream(text, attachments, base, active, history);
    return true;
  }

  function stop(): boolean {
    const active = activeRef.current;
    if (!active || active.isStopped) return false;
    active.isStopped = true;
    patchAssistant(
      active.conversationId,
      active.assistantId,
      (m) => (m.status === "streaming" ? { ...m, status: "stopped" } : m),
      true,
    );
    // The composer is free at once; the stream is still read to its end for the receipt's figures.
    activeRef.current = null;
    setStreamingId(null);
    setAnnouncement("Stopped.");
    // A browser that stops reading does not stop the server; this action does (and the upstream call with it).
    void stopAction({ requestId: active.requestId })
      .catch(() => null)
      .then((result) => {
        if (!result?.ok) void active.reader?.cancel().catch(() => undefined);
        setTimeout(() => {
          if (!active.isDone) void active.reader?.cancel().catch(() => undefined);
        }, STOP_FALLBACK_MS);
      });
    return true;
  }

  return { isStreaming: streamingId !== null, announcement, send, stop };
}
