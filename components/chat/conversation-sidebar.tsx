"use client";

import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from "react";
import { Download, HardDrive, MessageSquarePlus, Pin, PinOff, Search, Upload, X } from "lucide-react";
import { searchConversations, type TConversation } from "@/lib/chat/history";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/field-error";
import { formatDay } from "@/lib/format";

function shortDate(iso: string): string {
  const date = new Date(iso);
  const now = new Date();
  if (date.toDateString() === now.toDateString())
    return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return formatDay(date, "local");
}

/**
 * The conversation list. Beside the chat on wide screens; a drawer on phones (opened from the chat
 * header, closed by Escape, the close button, the backdrop, or choosing a conversation).
 */
export function ConversationSidebar({
  conversations,
  currentId,
  isOpen,
  isPersistent,
  importError,
  onClose,
  onSelect,
  onTogglePin,
  onNew,
  onImport,
  onExportAll,
}: {
  conversations: TConversation[];
  currentId: string | null;
  isOpen: boolean;
  isPersistent: boolean;
  importError: string | null;
  onClose: () => void;
  onSelect: (id: string) => void;
  onTogglePin: (id: string) => void;
  onNew: () => void;
  onImport: (file: File) => void;
  onExportAll: () => void;
}) {
  const fileRef = useRef<HTMLInputElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const searchId = useId();
  const [query, setQuery] = useState("");
  // Searched here, in the browser: the conversations never leave it.
  const shown = useMemo(() => searchConversations(conversations, query), [conversations, query]);

  useEffect(() => {
    if (!isOpen) return;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [isOpen, onClose]);

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file) onImport(file);
  }

  return (
    <>
      {isOpen ? (
        <div className="fixed inset-0 z-40 bg-black/40 md:hidden" aria-hidden="true" onClick={onClose} />
      ) : null}
      <aside
        aria-label="Conversations"
        className={cn(
          "flex w-72 shrink-0 flex-col border-r bg-background",
          // Phones: a drawer over the page. Wide screens: a column beside the chat.
          "fixed inset-y-0 left-0 z-50 max-w-[85vw] shadow-xl md:static md:z-auto md:max-w-none md:border-l md:shadow-none",
          isOpen ? "flex" : "hidden md:flex",
        )}
      >
        <div className="flex items-center gap-2 border-b p-3">
          <Button onClick={onNew} className="flex-1">
            <MessageSquarePlus className="size-4" aria-hidden="true" />
            New chat
          </Button>
          <Button
            ref={closeRef}
            variant="ghost"
            size="icon"
            className="md:hidden"
            aria-label="Close conversations"
            onClick={onClose}
          >
            <X className="size-5" aria-hidden="true" />
          </Button>
        </div>
        {conversations.length > 0 ? (
          <div className="border-b p-2">
            <label htmlFor={searchId} className="sr-only">
              Search conversations
            </label>
            <div className="relative">
              <Search
                className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
                aria-hidden="true"
              />
              <input
                id={searchId}
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                onKeyDown={(event) => {
                  // Escape clears the search first; a second Escape closes the drawer.
                  if (event.key === "Escape" && query) {
                    event.stopPropagation();
                    event.nativeEvent.stopImmediatePropagation();
                    setQuery("");
                  }
                }}
                placeholder="Search titles and messages"
                className="h-9 w-full rounded-md border border-input bg-card pr-2 pl-8 text-base outline-none placeholder:text-muted-foreground/80 focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 sm:text-sm"
              />
            </div>
          </div>
        ) : null}
        <nav aria-label="Conversation history" className="relative min-h-0 flex-1 overflow-y-auto p-2">
          {conversations.length === 0 ? (
            <p className="px-2 py-6 text-center text-sm text-muted-foreground">
              No conversations yet. Your first message starts one.
            </p>
          ) : shown.length === 0 ? (
            <p role="status" className="px-2 py-6 text-center text-sm text-muted-foreground">
              No conversation mentions “{query.trim()}”.
            </p>
          ) : (
            <ul className="flex flex-col gap-0.5">
              {shown.map((conversation) => {
                const isCurrent = conversation.id === currentId;
                return (
                  <li key={conversation.id} className="group flex items-center gap-0.5">
                    <button
                      type="button"
                      aria-current={isCurrent ? "page" : undefined}
                      onClick={() => onSelect(conversation.id)}
                      className={cn(
                        "flex min-w-0 flex-1 cursor-pointer items-baseline justify-between gap-2 rounded-md px-2.5 py-2 text-left text-sm transition-colors",
                        isCurrent
                          ? "bg-muted font-medium text-foreground"
                          : "text-muted-foreground hover:bg-muted/60 hover:text-foreground",
                      )}
                    >
                      <span className="flex min-w-0 items-center gap-1.5">
                        {conversation.pinned ? (
                          <Pin className="size-3.5 shrink-0 text-brand" aria-hidden="true" />
                        ) : null}
                        <span className="min-w-0 truncate">{conversation.title}</span>
                        {conversation.pinned ? <span className="sr-only"> (pinned)</span> : null}
                      </span>
                      <span className="shrink-0 text-xs text-muted-foreground">
                        {shortDate(conversation.updatedAt)}
                      </span>
                    </button>
                    <Button
                      variant="ghost"
                      size="icon"
                      className={cn(
                        "size-8 shrink-0 text-muted-foreground",
                        // Shown on hover or focus where there is a mouse; always on touch screens.
                        !conversation.pinned &&
                          "pointer-fine:opacity-0 pointer-fine:group-hover:opacity-100 pointer-fine:focus-visible:opacity-100",
                      )}
                      aria-label={`${conversation.pinned ? "Unpin" : "Pin"} “${conversation.title}”`}
                      aria-pressed={conversation.pinned === true}
                      title={conversation.pinned ? "Unpin" : "Pin to the top"}
                      onClick={() => onTogglePin(conversation.id)}
                    >
                      {conversation.pinned ? (
                        <PinOff className="size-3.5" aria-hidden="true" />
                      ) : (
                        <Pin className="size-3.5" aria-hidden="true" />
                      )}
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
        </nav>
        <div className="flex flex-col gap-2 border-t p-3">
          {importError ? <FormError message={importError} /> : null}
          <div className="grid grid-cols-2 gap-2">
            <Button variant="outline" size="sm" onClick={() => fileRef.current?.click()}>
              <Upload className="size-4" aria-hidden="true" />
              Import
            </Button>
            <Button variant="outline" size="sm" onClick={onExportAll} disabled={conversations.length === 0}>
              <Download className="size-4" aria-hidden="true" />
              Export all
            </Button>
          </div>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            tabIndex={-1}
            aria-label="Import conversations from a JSON file"
            onChange={onFile}
          />
          <p className="flex items-start gap-1.5 text-xs text-muted-foreground">
            <HardDrive className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
            {isPersistent
              ? "Conversations are kept in this browser only, never on the server."
              : "This browser cannot store conversations: they last until you close the tab. Export to keep them."}
          </p>
        </div>
      </aside>
    </>
  );
}
