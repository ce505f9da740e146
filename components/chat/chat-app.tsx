"use client";

import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import Link from "next/link";
import { Lock } from "lucide-react";
import {
  attachmentBytes,
  attachmentsOf,
  countAttachments,
  describeCounts,
  type TAttachment,
} from "@/lib/chat/attachments";
import { branchAt, switchVersion, versionsAt } from "@/lib/chat/branches";
import type { TConversation } from "@/lib/chat/history";
import { PRIVACY_SETTINGS_PATH, settingHref } from "@/lib/chat/links";
import { optionsKey, type TChatPageData } from "@/lib/chat/types";
import type { TFixHandler } from "@/components/chat/chat-error";
import { ChatNotices } from "@/components/chat/chat-notices";
import { ChatToolbar } from "@/components/chat/chat-toolbar";
import { Composer } from "@/components/chat/composer";
import { ConversationSidebar } from "@/components/chat/conversation-sidebar";
import { downloadExport } from "@/components/chat/export-download";
import { MessageList } from "@/components/chat/message-list";
import { isUsable } from "@/components/chat/model-picker";
import { SetupPanel } from "@/components/chat/setup-panel";
import { ShortcutsDialog } from "@/components/chat/shortcuts-dialog";
import type { TSendChatAction, TStopChatAction } from "@/components/chat/types";
import { usePendingAttachments } from "@/components/chat/use-attachments";
import { useConversations } from "@/components/chat/use-conversations";
import { useReplyStream } from "@/components/chat/use-reply-stream";
import { useStickToBottom } from "@/components/chat/use-stick-to-bottom";

type TProps = { accountId: string; data: TChatPageData; sendAction: TSendChatAction; stopAction: TStopChatAction };

/** The chat: conversation list, model picker, privacy options, messages with receipts, composer. */
export function ChatApp(props: TProps) {
  if (props.data.setup) return <SetupPanel setup={props.data.setup} />;
  return <ChatWorkspace {...props} />;
}

/**
 * The workspace puts the pieces together: the conversations (`useConversations`), the reply being
 * streamed (`useReplyStream`), the thread that follows it (`useStickToBottom`), the toolbar, the
 * notices and the composer. What the writer is typing, and the drawer on phones, live here.
 */
function ChatWorkspace({ accountId, data, sendAction, stopAction }: TProps) {
  const modelById = useMemo(() => new Map(data.models.map((m) => [m.id, m])), [data.models]);
  const conversations = useConversations({
    accountId,
    modelById,
    defaultModelId: data.defaultModelId ?? data.models[0]?.id ?? "",
  });
  const { current, isLoaded } = conversations;
  const currentModel = modelById.get(current.model);

  const [input, setInput] = useState("");
  const inputRef = useRef("");
  const pending = usePendingAttachments();
  const [restoredMessageId, setRestoredMessageId] = useState<string | null>(null);
  const [isSidebarOpen, setIsSidebarOpen] = useState(false);
  const [isShortcutsOpen, setIsShortcutsOpen] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const {
    ref: threadRef,
    onScroll: onThreadScroll,
    pin: pinThread,
  } = useStickToBottom<HTMLDivElement>(current.messages);

  const setInputValue = useCallback((value: string) => {
    inputRef.current = value;
    setInput(value);
  }, []);

  const replies = useReplyStream({
    sendAction,
    stopAction,
    update: conversations.update,
    // Nothing is lost: a message that got no reply goes back into an empty input box.
    onUnanswered: (text, assistantId, attachments) => {
      if (inputRef.current.trim().length > 0 || pending.items.length > 0) return;
      setInputValue(text);
      pending.set(attachments);
      setRestoredMessageId(assistantId);
    },
  });

  function sendReply(text: string, base: TConversation, attachments?: TAttachment[]): boolean {
    if (!replies.send(text, base, { attachments })) return false;
    setRestoredMessageId(null);
    pinThread();
    return true;
  }

  // What the next request carries besides text: the shown line's attachments and the ones being added.
  const earlierAttachments = attachmentsOf(current.messages);
  const attachmentsBytes = attachmentBytes(earlierAttachments) + attachmentBytes(pending.items);
  const attachmentProblem = (() => {
    const counts = countAttachments([...earlierAttachments, ...pending.items]);
    const accepts = currentModel?.availability[optionsKey(current.options)].accepts;
    if (!currentModel || !accepts || counts.images + counts.pdfs === 0) return null;
    const refused = {
      images: accepts.image ? 0 : counts.images,
      pdfs: accepts.pdf ? 0 : counts.pdfs,
    };
    if (refused.images + refused.pdfs === 0) return null;
    const what = describeCounts(refused);
    return `No provider your settings allow for ${currentModel.name} takes ${refused.images + refused.pdfs === 1 ? "this" : "these"} (${what}${pending.items.length === 0 ? ", earlier in this conversation" : ""}). Pick a model marked ${refused.images > 0 ? "“Images”" : "“PDFs”"} in the picker${pending.items.length > 0 ? ", or remove the attachment" : ", or start a new conversation"}.`;
  })();

  function onSend() {
    const text = inputRef.current;
    if (!text.trim() && pending.items.length === 0) return;
    if (attachmentProblem) return;
    if (sendReply(text, current, pending.items)) {
      setInputValue("");
      pending.set([]);
    }
  }

  function retry() {
    const messages = current.messages;
    const last = messages.at(-1);
    const user = messages.at(-2);
    if (last?.role !== "assistant" || user?.role !== "user") return;
    if (
      sendReply(user.content, { ...current, messages: messages.slice(0, -2) }, user.attachments) &&
      inputRef.current === user.content
    )
      setInputValue("");
  }

  /** A new reply to the last message; the one there stays reachable as another version. */
  function regenerate() {
    const index = current.messages.length - 1;
    const user = current.messages[index - 1];
    if (current.messages[index]?.role !== "assistant" || user?.role !== "user") return;
    if (replies.send(user.content, branchAt(current, index), { isRegeneration: true })) pinThread();
  }

  /** Sends an edited message in place of the one at `index`; the earlier line stays reachable. */
  function editMessage(index: number, text: string): boolean {
    // The edited message keeps its attachments; only its text changes.
    const edited = current.messages[index];
    return sendReply(text, branchAt(current, index), edited?.role === "user" ? edited.attachments : undefined);
  }

  function showVersion(index: number, headId: string) {
    conversations.update(current.id, (c) => switchVersion(c, index, headId));
  }

  function stop() {
    if (replies.stop()) textareaRef.current?.focus();
  }

  const onConversationFix: TFixHandler = (option) => conversations.setOptions({ ...current.options, [option]: false });

  function startNewChat() {
    conversations.startNew();
    setIsSidebarOpen(false);
    setRestoredMessageId(null);
    textareaRef.current?.focus();
  }

  function selectConversation(id: string) {
    conversations.select(id);
    setIsSidebarOpen(false);
    setRestoredMessageId(null);
    pinThread();
  }

  // The message box has the focus when the chat opens, where a keyboard is the main input (on a
  // touch screen it would pop the on-screen keyboard over the conversation) — unless the person
  // already put it somewhere (opened the model picker while the history loaded, say): taking it
  // would close what they opened.
  useEffect(() => {
    if (!isLoaded || !window.matchMedia("(pointer: fine)").matches) return;
    const focused = document.activeElement;
    if (focused === null || focused === document.body) textareaRef.current?.focus();
  }, [isLoaded]);

  async function copyLastReply() {
    const last = current.messages.findLast((m) => m.role === "assistant" && m.content.length > 0);
    if (!last) return toast.info("There is no reply to copy yet.");
    try {
      await navigator.clipboard.writeText(last.content);
      toast.success("Copied the last reply.");
    } catch {
      toast.error("The browser did not allow copying.");
    }
  }

  // Keyboard shortcuts (ShortcutsDialog lists them); Ctrl or ⌘ alike.
  const onShortcut = useEffectEvent((event: KeyboardEvent) => {
    const isMod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (isMod && event.shiftKey && key === "o") startNewChat();
    else if (isMod && event.shiftKey && key === "c") void copyLastReply();
    else if (isMod && !event.shiftKey && event.key === "/") setIsShortcutsOpen(true);
    else if (event.shiftKey && !isMod && event.key === "Escape") textareaRef.current?.focus();
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onShortcut(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  async function importFile(file: File) {
    const id = await conversations.importFile(file);
    if (id) selectConversation(id);
  }

  return (
    // Fills the window below the header; the page itself does not scroll (globals.css, data-fills-window).
    // On wide screens its edges line up with the header's content (the same width and padding).
    <div data-fills-window className="mx-auto flex min-h-0 w-full max-w-6xl flex-1 md:px-6">
      <h1 className="sr-only">Chat</h1>
      <ConversationSidebar
        conversations={conversations.list}
        currentId={conversations.isCurrentSaved ? current.id : null}
        isOpen={isSidebarOpen}
        isPersistent={conversations.isPersistent}
        importError={conversations.importError}
        onClose={() => setIsSidebarOpen(false)}
        onSelect={selectConversation}
        onTogglePin={conversations.togglePin}
        onNew={startNewChat}
        onImport={(file) => void importFile(file)}
        onExportAll={() => downloadExport(conversations.snapshot())}
      />

      <div className="flex min-w-0 flex-1 flex-col md:border-r">
        <ChatToolbar
          models={data.models}
          settings={data.settings}
          conversation={current}
          model={currentModel}
          isSaved={conversations.isCurrentSaved}
          isStreaming={replies.isStreaming}
          isSidebarOpen={isSidebarOpen}
          onOpenSidebar={() => setIsSidebarOpen(true)}
          onSelectModel={conversations.setModel}
          onOptionsChange={conversations.setOptions}
          onConversationFix={onConversationFix}
          onRename={conversations.rename}
          onDelete={() => void conversations.deleteCurrent()}
          defaultSystemPrompt={conversations.defaultSystemPrompt}
          onDefaultSystemPromptChange={conversations.setDefaultSystemPrompt}
        />

        {/* Positioned, so that what is absolutely placed inside (screen-reader text) scrolls with it, not the page. */}
        <div ref={threadRef} onScroll={onThreadScroll} className="relative min-h-0 flex-1 overflow-y-auto">
          <div className="mx-auto w-full max-w-3xl px-3 py-6 sm:px-6">
            {!isLoaded ? (
              <p className="py-16 text-center text-sm text-muted-foreground">Opening your conversations…</p>
            ) : current.messages.length === 0 ? (
              <EmptyConversation
                modelName={currentModel?.name ?? null}
                isAnyUsable={data.models.some((m) => isUsable(m, optionsKey(current.options)))}
              />
            ) : (
              <MessageList
                messages={current.messages}
                versionsAt={(index) => versionsAt(current, index)}
                isStreaming={replies.isStreaming}
                onShowVersion={showVersion}
                onEdit={editMessage}
                onRegenerate={regenerate}
                onRetry={retry}
                onConversationFix={onConversationFix}
                restoredMessageId={restoredMessageId}
              />
            )}
          </div>
        </div>

        <div className="border-t bg-background px-3 pt-3 pb-3 sm:px-6">
          <div className="mx-auto flex w-full max-w-3xl flex-col gap-2">
            <ChatNotices
              modelId={current.model}
              model={currentModel}
              options={current.options}
              onConversationFix={onConversationFix}
            />
            <Composer
              value={input}
              onChange={setInputValue}
              onSend={onSend}
              onStop={stop}
              isStreaming={replies.isStreaming}
              isDisabled={!isLoaded || !current.model}
              disabledReason={!current.model ? "Pick a model to start." : null}
              textareaRef={textareaRef}
              onShowShortcuts={() => setIsShortcutsOpen(true)}
              attachments={pending.items}
              attachmentsBytes={attachmentsBytes}
              attachmentError={pending.error}
              blockedReason={attachmentProblem}
              onAddFiles={(files) => void pending.add(files, attachmentBytes(earlierAttachments))}
              onRemoveAttachment={pending.remove}
            />
          </div>
        </div>
      </div>

      <ShortcutsDialog open={isShortcutsOpen} onOpenChange={setIsShortcutsOpen} />
      <p role="status" aria-live="polite" className="sr-only">
        {replies.announcement}
      </p>
    </div>
  );
}

function EmptyConversation({ modelName, isAnyUsable }: { modelName: string | null; isAnyUsable: boolean }) {
  if (!isAnyUsable) {
    return (
      <div className="flex flex-col items-center gap-3 py-12 text-center sm:py-20">
        <span className="grid size-11 place-items-center rounded-xl bg-warning-soft text-foreground" aria-hidden="true">
          <Lock className="size-5" />
        </span>
        <h2 className="text-xl font-semibold tracking-tight">No model can be used under your privacy settings</h2>
        <p className="max-w-md text-sm text-muted-foreground">
          This server&apos;s providers all keep or use data in ways your settings (or this conversation&apos;s options)
          rule out, so a message would be refused. The model picker says, for each model, which setting stands in the
          way.
        </p>
        <p className="text-sm">
          <Link href={PRIVACY_SETTINGS_PATH} className="text-brand underline-offset-2 hover:underline">
            Review your privacy settings
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-col items-center gap-3 py-12 text-center sm:py-20">
      <span className="grid size-11 place-items-center rounded-xl bg-brand-soft text-brand" aria-hidden="true">
        <Lock className="size-5" />
      </span>
      <h2 className="text-xl font-semibold tracking-tight">
        {modelName ? `Chat with ${modelName}` : "Start a conversation"}
      </h2>
      <p className="max-w-md text-sm text-muted-foreground">
        Your messages go only to providers your privacy settings allow, and each reply says who served it and what they
        keep. Conversations stay in this browser.
      </p>
      <p className="text-sm">
        <Link href={settingHref("prompt-logging")} className="text-brand underline-offset-2 hover:underline">
          Review your privacy settings
        </Link>
      </p>
    </div>
  );
}
