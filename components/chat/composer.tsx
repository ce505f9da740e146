"use client";

import { useId, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { ArrowUp, Square } from "lucide-react";
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
}) {
  const hintId = useId();
  const isTouch = useMediaQuery("(pointer: coarse)");
  // A message over the limit is refused here, before anything is sent or saved.
  const isTooLong = value.length > MAX_MESSAGE_CHARS;
  const isLengthShown = value.length >= MAX_MESSAGE_CHARS * SHOW_LENGTH_FROM;
  const canSend = !isDisabled && !isStreaming && !isTooLong && value.trim().length > 0;

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
    <form onSubmit={onSubmit} className="flex flex-col gap-1.5">
      <div className="flex items-end gap-2 rounded-xl border border-input bg-card p-2 shadow-xs focus-within:border-ring focus-within:outline-2 focus-within:outline-ring/30">
        <label htmlFor={`${hintId}-input`} className="sr-only">
          Message
        </label>
        <textarea
          ref={textareaRef}
          id={`${hintId}-input`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
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
