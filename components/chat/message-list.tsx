"use client";

import { useId, useState, type KeyboardEvent } from "react";
import Link from "next/link";
import { Brain, ChevronLeft, ChevronRight, FileText, LoaderCircle, Pencil, RefreshCw } from "lucide-react";
import { attachmentKind, formatBytes, type TAttachment } from "@/lib/chat/attachments";
import type { TVersions } from "@/lib/chat/branches";
import type { TAssistantMessage, TChatMessage } from "@/lib/chat/history";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/schemas";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { activityHref } from "@/lib/chat/links";
import { CopyButton } from "@/components/ui/copy-button";
import { ChatErrorCard, type TFixHandler } from "@/components/chat/chat-error";
import { MarkdownMessage } from "@/components/chat/markdown";
import { Receipt } from "@/components/chat/receipt";

/** "‹ 2/3 ›": the versions of a message (edits, regenerated replies); each shows its own continuation. */
function VersionSwitcher({
  versions,
  label,
  isDisabled,
  onShow,
  className,
}: {
  versions: TVersions;
  label: string;
  isDisabled: boolean;
  onShow: (headId: string) => void;
  className?: string;
}) {
  const { ids, current } = versions;
  if (ids.length < 2) return null;
  return (
    <div role="group" aria-label={`Versions of this ${label}`} className={cn("flex items-center gap-0.5", className)}>
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label={`Previous version of this ${label}`}
        disabled={isDisabled || current === 0}
        onClick={() => onShow(ids[current - 1]!)}
      >
        <ChevronLeft className="size-4" aria-hidden="true" />
      </Button>
      <span className="text-xs text-muted-foreground tabular-nums">
        <span className="sr-only">Version </span>
        {current + 1}/{ids.length}
      </span>
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label={`Next version of this ${label}`}
        disabled={isDisabled || current === ids.length - 1}
        onClick={() => onShow(ids[current + 1]!)}
      >
        <ChevronRight className="size-4" aria-hidden="true" />
      </Button>
    </div>
  );
}

function UserBubble({
  content,
  attachments,
  versions,
  isStreaming,
  onShowVersion,
  onEdit,
}: {
  content: string;
  attachments: TAttachment[];
  versions: TVersions;
  isStreaming: boolean;
  onShowVersion: (headId: string) => void;
  /** Sends the edited text as a new version of this message; false when it could not be sent. */
  onEdit: (text: string) => boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    const canSend = !isStreaming && draft.trim().length > 0 && draft.length <= MAX_MESSAGE_CHARS;
    const save = () => {
      if (canSend && onEdit(draft)) setDraft(null);
    };
    const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (event.key === "Escape") {
        event.preventDefault();
        setDraft(null);
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        save();
      }
    };
    return (
      <form
        className="ml-auto flex w-full max-w-[85%] flex-col gap-2 sm:max-w-[75%]"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <label htmlFor={id} className="sr-only">
          Edit message
        </label>
        <textarea
          id={id}
          autoFocus
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-hint`}
          className="[field-sizing:content] max-h-72 min-h-16 w-full resize-none rounded-xl border border-input bg-card px-3 py-2 text-base outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 sm:text-sm"
        />
        <div className="flex items-center justify-end gap-2">
          <span id={`${id}-hint`} className="mr-auto text-xs text-muted-foreground">
            The earlier version stays: switch back with ‹ ›.
          </span>
          <Button type="button" variant="ghost" size="sm" onClick={() => setDraft(null)}>
            Cancel
          </Button>
          <Button type="submit" size="sm" disabled={!canSend}>
            Send
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div className="group flex flex-col items-end gap-1">
      {attachments.length > 0 ? <SentAttachments attachments={attachments} /> : null}
      {content.trim().length > 0 || attachments.length === 0 ? (
        <div className="max-w-[85%] rounded-2xl rounded-br-md bg-primary px-3.5 py-2 text-sm whitespace-pre-wrap text-primary-foreground sm:max-w-[75%]">
          <span className="sr-only">You: </span>
          {content}
        </div>
      ) : null}
      <div className="flex items-center gap-0.5">
        <VersionSwitcher versions={versions} label="message" isDisabled={isStreaming} onShow={onShowVersion} />
        <Button
          variant="ghost"
          size="icon"
          className="size-7 text-muted-foreground pointer-fine:opacity-0 pointer-fine:group-focus-within:opacity-100 pointer-fine:group-hover:opacity-100"
          aria-label="Edit message"
          title="Edit and send again"
          disabled={isStreaming}
          onClick={() => setDraft(content)}
        >
          <Pencil className="size-3.5" aria-hidden="true" />
        </Button>
      </div>
    </div>
  );
}

/** The images and PDFs sent with a message: images as pictures (open full size in a new tab), PDFs by name. */
function SentAttachments({ attachments }: { attachments: TAttachment[] }) {
  return (
    <ul aria-label="Attached files" className="flex max-w-[85%] flex-wrap justify-end gap-2 sm:max-w-[75%]">
      {attachments.map((attachment, index) =>
        attachmentKind(attachment.type) === "image" ? (
          <li key={index}>
            {/* A data URL kept in this browser: nothing to fetch or optimize. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={attachment.data}
              alt={`Attached image ${attachment.name} (${formatBytes(attachment.size)})`}
              className="max-h-48 max-w-full rounded-xl border object-contain sm:max-w-64"
            />
          </li>
        ) : (
          <li
            key={index}
            className="flex max-w-full min-w-0 items-center gap-2 rounded-xl border bg-card px-2.5 py-2 text-xs"
          >
            <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <span className="min-w-0 truncate font-medium">{attachment.name}</span>
            <span className="shrink-0 text-muted-foreground">PDF · {formatBytes(attachment.size)}</span>
          </li>
        ),
      )}
    </ul>
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
  versions,
  isAnyStreaming,
  onShowVersion,
  onRegenerate,
  onRetry,
  onConversationFix,
  restoredMessageId,
}: {
  message: TAssistantMessage;
  isLast: boolean;
  versions: TVersions;
  isAnyStreaming: boolean;
  onShowVersion: (headId: string) => void;
  onRegenerate: () => void;
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
      {!isStreaming && (hasText || versions.ids.length > 1) ? (
        <div className="flex flex-wrap items-center gap-1">
          {hasText ? <CopyButton value={message.content} label="Copy reply" size="sm" className="shadow-none" /> : null}
          {isLast && hasText ? (
            <Button
              variant="outline"
              size="sm"
              className="shadow-none"
              disabled={isAnyStreaming}
              onClick={onRegenerate}
              title="Ask again for a new reply; this one stays as another version"
            >
              <RefreshCw className="size-3.5" aria-hidden="true" />
              Regenerate
            </Button>
          ) : null}
          <VersionSwitcher versions={versions} label="reply" isDisabled={isAnyStreaming} onShow={onShowVersion} />
        </div>
      ) : null}
    </article>
  );
}

/** The conversation's messages; each reply with its receipt or its error. */
export function MessageList({
  messages,
  versionsAt,
  isStreaming,
  onShowVersion,
  onEdit,
  onRegenerate,
  onRetry,
  onConversationFix,
  restoredMessageId,
}: {
  messages: TChatMessage[];
  /** The versions of the message at an index (lib/chat/branches.ts). */
  versionsAt: (index: number) => TVersions;
  /** Whether a reply streams (then nothing branches or switches). */
  isStreaming: boolean;
  onShowVersion: (index: number, headId: string) => void;
  onEdit: (index: number, text: string) => boolean;
  onRegenerate: () => void;
  onRetry: () => void;
  onConversationFix: TFixHandler;
  restoredMessageId: string | null;
}) {
  return (
    <ol aria-label="Messages" className="flex flex-col gap-5">
      {messages.map((message, index) => (
        <li key={message.id} className="min-w-0">
          {message.role === "user" ? (
            <UserBubble
              content={message.content}
              attachments={message.attachments ?? []}
              versions={versionsAt(index)}
              isStreaming={isStreaming}
              onShowVersion={(headId) => onShowVersion(index, headId)}
              onEdit={(text) => onEdit(index, text)}
            />
          ) : (
            <AssistantTurn
              message={message}
              isLast={index === messages.length - 1}
              versions={versionsAt(index)}
              isAnyStreaming={isStreaming}
              onShowVersion={(headId) => onShowVersion(index, headId)}
              onRegenerate={onRegenerate}
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
