"use client";

import Link from "next/link";
import { Brain, ChevronRight, LoaderCircle } from "lucide-react";
import type { TAssistantMessage, TChatMessage } from "@/lib/chat/history";
import { activityHref } from "@/lib/chat/links";
import { CopyButton } from "@/components/ui/copy-button";
import { ChatErrorCard, type TFixHandler } from "@/components/chat/chat-error";
import { MarkdownMessage } from "@/components/chat/markdown";
import { Receipt } from "@/components/chat/receipt";

function UserBubble({ content }: { content: string }) {
  return (
    <div className="flex justify-end">
      <div className="max-w-[85%] rounded-2xl rounded-br-md bg-primary px-3.5 py-2 text-sm whitespace-pre-wrap text-primary-foreground sm:max-w-[75%]">
        <span className="sr-only">You: </span>
        {content}
      </div>
    </div>
  );
}

/** The model's thinking, folded away: open it to read how the reply came about. */
function ReasoningDisclosure({ text, isThinking }: { text: string; isThinking: boolean }) {
  return (
    <details className="group rounded-lg border bg-muted/40 text-sm" data-testid="reply-reasoning">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-3 py-2 text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none [&::-webkit-details-marker]:hidden">
        <Brain className={isThinking ? "size-4 animate-pulse" : "size-4"} aria-hidden="true" />
        {isThinking ? "Thinking…" : "Thought process"}
        <ChevronRight className="ml-auto size-4 transition-transform group-open:rotate-90" aria-hidden="true" />
      </summary>
      <div className="max-h-80 overflow-y-auto border-t px-3 py-2 text-xs break-words whitespace-pre-wrap text-muted-foreground">
        {text}
      </div>
    </details>
  );
}

const STATUS_NOTES: Partial<Record<TAssistantMessage["status"], string>> = {
  stopped: "You stopped this reply.",
  interrupted: "This reply was interrupted: the page was closed or reloaded while it streamed.",
};

/**
 * The turn's receipt: who served it, and every other provider the request reached with its policy;
 * a turn that reached providers but got no reply (stopped, failed, reloaded) names them too.
 */
function TurnReceipt({ message }: { message: TAssistantMessage }) {
  const served = message.receipt;
  const others = (message.sentTo ?? []).filter((r) => r.provider.slug !== served?.provider.slug);
  if (served)
    return (
      <Receipt
        receipt={served}
        outcome={message.outcome}
        clientFirstTokenMs={message.clientFirstTokenMs}
        alsoSentTo={others}
      />
    );
  const last = others.at(-1);
  if (!last) return null;
  return (
    <Receipt
      receipt={last}
      outcome={message.outcome}
      clientFirstTokenMs={null}
      alsoSentTo={others.slice(0, -1)}
      isServed={false}
    />
  );
}

function AssistantTurn({
  message,
  isLast,
  onRetry,
  onConversationFix,
  restoredMessageId,
}: {
  message: TAssistantMessage;
  isLast: boolean;
  onRetry: () => void;
  onConversationFix: TFixHandler;
  restoredMessageId: string | null;
}) {
  const isStreaming = message.status === "streaming";
  const hasText = message.content.length > 0;
  const hasReasoning = (message.reasoning ?? "").length > 0;
  const note = STATUS_NOTES[message.status];
  // Once the request has left for a provider (a "sending" event), the wait is for that provider.
  const waitingFor = message.receipt ?? message.sentTo?.at(-1) ?? null;
  return (
    <article aria-label="Reply" data-status={message.status} className="flex min-w-0 flex-col gap-2">
      {hasReasoning ? <ReasoningDisclosure text={message.reasoning!} isThinking={isStreaming && !hasText} /> : null}
      {hasText ? (
        <div className="text-sm text-foreground" data-testid="reply-text">
          <MarkdownMessage text={message.content} isStreaming={isStreaming} />
          {isStreaming ? (
            <span
              className="ml-0.5 inline-block h-4 w-1.5 animate-pulse rounded-sm bg-foreground/60 align-text-bottom"
              aria-hidden="true"
            />
          ) : null}
        </div>
      ) : isStreaming && !hasReasoning ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
          {waitingFor ? `Waiting for ${waitingFor.provider.name}…` : "Finding a provider your settings allow…"}
        </p>
      ) : null}
      {message.error?.kind === "cancelled" ? (
        <p className="text-xs text-muted-foreground italic">
          You stopped this reply before the provider sent anything.{" "}
          {message.error.generationId ? (
            <Link
              prefetch={false}
              href={activityHref(message.error.generationId)}
              className="font-mono not-italic underline-offset-2 hover:text-foreground hover:underline"
            >
              {message.error.generationId}
            </Link>
          ) : null}
        </p>
      ) : note ? (
        <p className="text-xs text-muted-foreground italic">{note}</p>
      ) : null}
      {message.error && message.error.kind !== "cancelled" ? (
        <ChatErrorCard
          error={message.error}
          isRestored={isLast && !hasText && restoredMessageId === message.id}
          onRetry={isLast ? onRetry : undefined}
          onConversationFix={isLast ? onConversationFix : undefined}
        />
      ) : null}
      <TurnReceipt message={message} />
      {hasText && !isStreaming ? (
        <div className="flex">
          <CopyButton value={message.content} label="Copy reply" size="sm" className="shadow-none" />
        </div>
      ) : null}
    </article>
  );
}

/** The conversation's messages; each reply with its receipt or its error. */
export function MessageList({
  messages,
  onRetry,
  onConversationFix,
  restoredMessageId,
}: {
  messages: TChatMessage[];
  onRetry: () => void;
  onConversationFix: TFixHandler;
  restoredMessageId: string | null;
}) {
  return (
    <ol aria-label="Messages" className="flex flex-col gap-5">
      {messages.map((message, index) => (
        <li key={message.id} className="min-w-0">
          {message.role === "user" ? (
            <UserBubble content={message.content} />
          ) : (
            <AssistantTurn
              message={message}
              isLast={index === messages.length - 1}
              onRetry={onRetry}
              onConversationFix={onConversationFix}
              restoredMessageId={restoredMessageId}
            />
          )}
        </li>
      ))}
    </ol>
  );
}
