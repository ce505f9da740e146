"use client";

import {
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type RefObject,
} from "react";
import { ArrowUp, FileText, Paperclip, Square, X } from "lucide-react";
import {
  ATTACHMENT_LIMITS_TEXT,
  ATTACHMENT_TYPES,
  attachmentKind,
  formatBytes,
  MAX_TOTAL_ATTACHMENT_BYTES,
  type TAttachment,
} from "@/lib/chat/attachments";
import { MAX_MESSAGE_CHARS } from "@/lib/chat/schemas";
import { formatInteger } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { useMediaQuery } from "@/components/ui/use-media-query";

/** From this share of the limit on, the composer shows how long the message is. */
const SHOW_LENGTH_FROM = 0.8;

/**
 * The message box. Enter sends, Shift+Enter starts a new line (and an IME composition is never
 * cut short by Enter); while a reply streams, the button is Stop and Escape stops too. On a touch
 * screen (a coarse pointer) Enter is a new line, as on-screen keyboards expect, and the button sends.
 */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  isStreaming,
  isDisabled,
  disabledReason,
  textareaRef,
  onShowShortcuts,
  attachments = [],
  attachmentsBytes = 0,
  attachmentError = null,
  blockedReason = null,
  onAddFiles,
  onRemoveAttachment,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  isStreaming: boolean;
  isDisabled: boolean;
  disabledReason: string | null;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** Opens the keyboard shortcuts' help. */
  onShowShortcuts?: () => void;
  /** Images and PDFs attached to the message being written. */
  attachments?: TAttachment[];
  /** The conversation's attachments with these, as the next request would carry them. */
  attachmentsBytes?: number;
  /** Why a file was not attached (type or size), shown until the next change. */
  attachmentError?: string | null;
  /** Why this message cannot be sent as it is (no allowed provider of the model takes its attachments). */
  blockedReason?: string | null;
  /** Files chosen, dropped or pasted; without it the composer takes no attachments. */
  onAddFiles?: (files: File[]) => void;
  onRemoveAttachment?: (index: number) => void;
}) {
  const hintId = useId();
  const isTouch = useMediaQuery("(pointer: coarse)");
  // A message over the limit is refused here, before anything is sent or saved.
  const isTooLong = value.length > MAX_MESSAGE_CHARS;
  const isLengthShown = value.length >= MAX_MESSAGE_CHARS * SHOW_LENGTH_FROM;
  const hasContent = value.trim().length > 0 || attachments.length > 0;
  const canSend = !isDisabled && !isStreaming && !isTooLong && !blockedReason && hasContent;
  const fileInputRef = useRef<HTMLInputElement>(null);
  const [isDragging, setIsDragging] = useState(false);
  const problem = isTooLong ? null : (attachmentError ?? (hasContent ? blockedReason : null));

  function onDrop(event: DragEvent) {
    if (!onAddFiles) return;
    event.preventDefault();
    setIsDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onAddFiles(files);
  }

  function onDragOver(event: DragEvent) {
    if (!onAddFiles || !event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    setIsDragging(true);
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    // A pasted image (a screenshot) is attached; pasted text stays text.
    const files = [...event.clipboardData.files];
    if (!onAddFiles || files.length === 0) return;
    event.preventDefault();
    onAddFiles(files);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (isStreaming) onStop();
    else if (canSend) onSend();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape" && isStreaming) {
      event.preventDefault();
      onStop();
      return;
    }
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing || isTouch) return;
    event.preventDefault();
    if (canSend) onSend();
  }

  return (
    <form
      onSubmit={onSubmit}
      onDrop={onDrop}
      onDragOver={onDragOver}
      onDragLeave={() => setIsDragging(false)}
      className="flex flex-col gap-1.5"
    >
      {attachments.length > 0 ? (
        <ul aria-label="Attachments" className="flex flex-wrap gap-2">
          {attachments.map((attachment, index) => (
            <AttachmentChip
              key={`${index}-${attachment.name}`}
              attachment={attachment}
              onRemove={onRemoveAttachment ? () => onRemoveAttachment(index) : undefined}
            />
          ))}
        </ul>
      ) : null}
      <div
        className={
          isDragging
            ? "flex items-end gap-2 rounded-xl border border-dashed border-brand bg-brand-soft p-2 shadow-xs"
            : "flex items-end gap-2 rounded-xl border border-input bg-card p-2 shadow-xs focus-within:border-ring focus-within:outline-2 focus-within:outline-ring/30"
        }
      >
        {onAddFiles ? (
          <>
            <input
              ref={fileInputRef}
              type="file"
              multiple
              accept={ATTACHMENT_TYPES.join(",")}
              className="hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(event) => {
                const files = [...(event.target.files ?? [])];
                event.target.value = "";
                if (files.length > 0) onAddFiles(files);
              }}
            />
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label="Attach images or PDFs"
              aria-describedby={`${hintId}-limits`}
              title={ATTACHMENT_LIMITS_TEXT}
              disabled={isDisabled}
              onClick={() => fileInputRef.current?.click()}
              className="text-muted-foreground"
            >
              <Paperclip className="size-4" aria-hidden="true" />
            </Button>
            <span id={`${hintId}-limits`} className="sr-only">
              {ATTACHMENT_LIMITS_TEXT}
            </span>
          </>
        ) : null}
        <label htmlFor={`${hintId}-input`} className="sr-only">
          Message
        </label>
        <textarea
          ref={textareaRef}
          id={`${hintId}-input`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          rows={1}
          placeholder="Write a message…"
          aria-describedby={hintId}
          aria-invalid={isTooLong || undefined}
          className="[field-sizing:content] max-h-52 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-base text-foreground outline-none placeholder:text-muted-foreground/80 sm:text-sm"
        />
        {isStreaming ? (
          <Button type="submit" variant="outline" size="icon" aria-label="Stop" title="Stop (Esc)">
            <Square className="size-4 fill-current" aria-hidden="true" />
          </Button>
        ) : (
          <Button
            type="submit"
            size="icon"
            aria-label="Send message"
            title={isTouch ? "Send" : "Send (Enter)"}
            disabled={!canSend}
          >
            <ArrowUp className="size-4" aria-hidden="true" />
          </Button>
        )}
      </div>
      {attachments.length > 0 || problem ? (
        <p
          role={problem ? "alert" : undefined}
          className={problem ? "px-1 text-xs text-destructive" : "px-1 text-xs text-muted-foreground"}
        >
          {problem ??
            `Attachments: ${formatBytes(attachmentsBytes)} of ${formatBytes(MAX_TOTAL_ATTACHMENT_BYTES)} for this conversation. ${ATTACHMENT_LIMITS_TEXT}`}
        </p>
      ) : null}
      <p id={hintId} className={isTooLong ? "px-1 text-xs text-destructive" : "px-1 text-xs text-muted-foreground"}>
        {isLengthShown ? (
          <span className="font-medium tabular-nums">
            {formatInteger(value.length)} / {formatInteger(MAX_MESSAGE_CHARS)} characters
            {isTooLong ? ": too long to send. Shorten it, or send it in parts." : ". "}
          </span>
        ) : null}
        {isTooLong
          ? null
          : (disabledReason ??
            (isTouch ? (
              "Enter starts a new line; the arrow button sends."
            ) : (
              <>
                <kbd className="font-sans font-medium">Enter</kbd> to send,{" "}
                <kbd className="font-sans font-medium">Shift+Enter</kbd> for a new line
                {isStreaming ? (
                  <>
                    , <kbd className="font-sans font-medium">Esc</kbd> to stop
                  </>
                ) : null}
                .
                {onShowShortcuts ? (
                  <>
                    {" "}
                    <button
                      type="button"
                      onClick={onShowShortcuts}
                      className="cursor-pointer underline-offset-2 hover:text-foreground hover:underline"
                    >
                      Keyboard shortcuts
                    </button>
                  </>
                ) : null}
              </>
            )))}
      </p>
    </form>
  );
}

/** One attachment of the message being written: a thumbnail (or a PDF icon), its name and size, Remove. */
function AttachmentChip({ attachment, onRemove }: { attachment: TAttachment; onRemove?: () => void }) {
  const isImage = attachmentKind(attachment.type) === "image";
  return (
    <li className="flex max-w-full min-w-0 items-center gap-2 rounded-lg border bg-card py-1 pr-1 pl-1 text-xs shadow-xs sm:max-w-64">
      {isImage ? (
        // A data URL of the user's own file: nothing is fetched, so next/image has nothing to optimize.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={attachment.data} alt="" className="size-9 shrink-0 rounded object-cover" />
      ) : (
        <span className="grid size-9 shrink-0 place-items-center rounded bg-muted text-muted-foreground">
          <FileText className="size-4" aria-hidden="true" />
        </span>
      )}
      <span className="min-w-0">
        <span className="block truncate font-medium">{attachment.name}</span>
        <span className="block text-muted-foreground">
          {isImage ? "Image" : "PDF"} · {formatBytes(attachment.size)}
        </span>
      </span>
      {onRemove ? (
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="size-8 shrink-0 text-muted-foreground"
          aria-label={`Remove ${attachment.name}`}
          onClick={onRemove}
        >
          <X className="size-4" aria-hidden="true" />
        </Button>
      ) : null}
    </li>
  );
}
