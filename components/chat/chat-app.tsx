"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { Brain, Download, Lock, PanelLeft, Pencil, ShieldCheck, Trash2 } from "lucide-react";
import { toast } from "sonner";
import {
  dropFailedTail,
  exportFileName,
  mergeImported,
  newConversation,
  parseChatImport,
  titleFromMessage,
  toExport,
  toRequestMessages,
  type TAssistantMessage,
  type TConversation,
  type TUserMessage,
} from "@/lib/chat/history";
import { newId } from "@/lib/chat/ids";
import { settingHref } from "@/lib/chat/links";
import { optionsKey, type TChatErrorView, type TChatPageData, type TConversationOptions } from "@/lib/chat/types";
import { Button } from "@/components/ui/button";
import { FixItem } from "@/components/chat/chat-error";
import { Composer } from "@/components/chat/composer";
import { ConversationSidebar } from "@/components/chat/conversation-sidebar";
import { DeleteConversationDialog, RenameConversationDialog } from "@/components/chat/conversation-dialogs";
import { openConversationStore, sortConversations, type TConversationStore } from "@/components/chat/conversation-store";
import { MessageList } from "@/components/chat/message-list";
import { ModelPicker } from "@/components/chat/model-picker";
import { PrivacyOptions } from "@/components/chat/privacy-options";
import { SetupPanel } from "@/components/chat/setup-panel";
import type { TSendChatAction, TStopChatAction } from "@/components/chat/types";

type TProps = { accountId: string; data: TChatPageData; sendAction: TSendChatAction; stopAction: TStopChatAction };

/** The reply being streamed in this tab. */
type TActiveReply = {
  requestId: string;
  conversationId: string;
  assistantId: string;
  isStopped: boolean;
  isDone: boolean;
  reader: ReadableStreamDefaultReader<unknown> | null;
};

const STOP_FALLBACK_MS = 8_000;
const PERSIST_EVERY_MS = 1_000;

function clientError(title: string, message: string): TChatErrorView {
  return { kind: "other", status: 0, title, message, refusal: null, attempts: [], generationId: null };
}

function download(fileName: string, json: unknown) {
  const blob = new Blob([JSON.stringify(json, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The chat: conversation list, model picker, privacy options, messages with receipts, composer. */
export function ChatApp(props: TProps) {
  if (props.data.setup) return <SetupPanel setup={props.data.setup} />;
  return <ChatWorkspace {...props} />;
}

function ChatWorkspace({ accountId, data, sendAction, stopAction }: TProps) {
  const modelById = useMemo(() => new Map(data.models.map((m) => [m.id, m])), [data.models]);
  const lastModelKey = `privet-chat:${accountId}:model`;
  const fallbackModel = data.defaultModelId ?? data.models[0]?.id ?? "";

  const storeRef = useRef<TConversationStore | null>(null);
  const [isLoaded, setIsLoaded] = useState(false);
  const [isPersistent, setIsPersistent] = useState(true);
  const [conversations, setConversations] = useState<TConversation[]>([]);
  const conversationsRef = useRef<TConversation[]>([]);
  // The conversation shown when none is selected: not saved until its first message.
  const [scratch, setScratch] = useState<TConversation>(() => newConversation(newId(), fallbackModel, new Date()));
  const scratchRef = useRef(scratch);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [input, setInput] = useState("");
  const inputRef = useRef("");
  const [restoredMessageId, setRestoredMessageId] = useState<string | null>(null);
  const [streamingId, setStreamingId] = useState<string | null>(null);
  const activeRef = useRef<TActiveReply | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [isSidebarOpen, setIsSidebarOpen] = useState(false);
  const [isOptionsOpen, setIsOptionsOpen] = useState(false);
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const isPinnedRef = useRef(true);
  const optionsWrapperRef = useRef<HTMLDivElement>(null);

  const current = (currentId ? conversations.find((c) => c.id === currentId) : undefined) ?? scratch;
  const isSaved = current.messages.length > 0;
  const currentModel = modelById.get(current.model);
  const currentOptionsKey = optionsKey(current.options);
  const availability = currentModel?.availability[currentOptionsKey];
  // "Think" is offered only when a provider the settings allow can reason. A conversation that had it
  // on keeps the option; the router leaves the reasoning out for providers that cannot reason.
  const canThink = availability === undefined || availability.reasoning !== "none";
  const thinkHint = !canThink
    ? `${currentModel?.name ?? "This model"} cannot think before answering at the providers your settings allow.`
    : availability?.reasoning === "some"
      ? "Ask the model to think before it answers. Only some of the providers your settings allow can; the others answer without thinking. Its thinking shows folded above the reply and counts as output tokens."
      : "Ask the model to think before it answers. Its thinking shows folded above the reply and counts as output tokens.";
  const activeOptionCount = (current.options.denyDataCollection ? 1 : 0) + (current.options.zdr || data.settings.zdrOnly ? 1 : 0) + (current.options.order.length > 0 ? 1 : 0);

  const setInputValue = useCallback((value: string) => {
    inputRef.current = value;
    setInput(value);
  }, []);

  const reportStoreError = useCallback(() => {
    toast.error("This conversation could not be saved in the browser. Export it to keep a copy.");
  }, []);

  /** Replaces a conversation by id (saved ones are kept sorted and written to the browser store). */
  const update = useCallback(
    (id: string, change: (conversation: TConversation) => TConversation, { persist = true }: { persist?: boolean } = {}) => {
      const saved = conversationsRef.current.find((c) => c.id === id);
      const base = saved ?? (scratchRef.current.id === id ? scratchRef.current : null);
      if (!base) return; // deleted meanwhile
      const next = change(base);
      if (next.messages.length === 0 && !saved) {
        scratchRef.current = next;
        setScratch(next);
        return;
      }
      const list = saved ? conversationsRef.current.map((c) => (c.id === id ? next : c)) : [next, ...conversationsRef.current];
      const sorted = sortConversations(list);
      conversationsRef.current = sorted;
      setConversations(sorted);
      if (persist) storeRef.current?.put(next).catch(reportStoreError);
    },
    [reportStoreError],
  );

  // Load the history of this account from the browser, then open the conversation named in the URL.
  useEffect(() => {
    let isCancelled = false;
    void (async () => {
      const store = await openConversationStore(accountId);
      const list = await store.list().catch(() => [] as TConversation[]);
      if (isCancelled) return;
      storeRef.current = store;
      conversationsRef.current = list;
      setConversations(list);
      setIsPersistent(store.isPersistent);
      const wanted = new URL(window.location.href).searchParams.get("c");
      if (wanted && list.some((c) => c.id === wanted)) setCurrentId(wanted);
      try {
        const lastModel = window.localStorage.getItem(lastModelKey);
        if (lastModel && modelById.has(lastModel) && scratchRef.current.messages.length === 0) {
          scratchRef.current = { ...scratchRef.current, model: lastModel };
          setScratch(scratchRef.current);
        }
      } catch {
        // Storage may be blocked; the default model is fine.
      }
      setIsLoaded(true);
    })();
    return () => {
      isCancelled = true;
    };
  }, [accountId, lastModelKey, modelById]);

  // The URL names the open conversation, so a reload (or a bookmark) comes back to it.
  useEffect(() => {
    if (!isLoaded) return;
    const url = new URL(window.location.href);
    if (currentId) url.searchParams.set("c", currentId);
    else url.searchParams.delete("c");
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [currentId, isLoaded]);

  // Follow the reply as it streams, unless the reader scrolled up to read something.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && isPinnedRef.current) el.scrollTop = el.scrollHeight;
  }, [current.messages]);

  useEffect(() => {
    if (!isOptionsOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!optionsWrapperRef.current?.contains(event.target as Node)) setIsOptionsOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [isOptionsOpen]);

  function patchAssistant(conversationId: string, assistantId: string, change: (m: TAssistantMessage) => TAssistantMessage, persist: boolean) {
    update(
      conversationId,
      (c) => ({ ...c, messages: c.messages.map((m) => (m.id === assistantId && m.role === "assistant" ? change(m) : m)) }),
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

  async function send(text: string, base: TConversation) {
    const now = new Date().toISOString();
    const user: TUserMessage = { id: newId(), role: "user", content: text, createdAt: now };
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
    const history = [...dropFailedTail(base.messages), user];
    const conversationId = base.id;
    update(conversationId, (c) => ({
      ...c,
      title: c.messages.length === 0 ? titleFromMessage(text) : c.title,
      updatedAt: now,
      messages: [...history, assistant],
    }));
    if (scratchRef.current.id === conversationId) {
      scratchRef.current = newConversation(newId(), base.model, new Date(), base.options);
      setScratch(scratchRef.current);
    }
    setCurrentId(conversationId);
    setRestoredMessageId(null);
    isPinnedRef.current = true;

    const active: TActiveReply = { requestId: newId(), conversationId, assistantId: assistant.id, isStopped: false, isDone: false, reader: null };
    activeRef.current = active;
    setStreamingId(active.requestId);
    setAnnouncement("Sending…");
    const patch = (change: (m: TAssistantMessage) => TAssistantMessage, persist = true) => patchAssistant(conversationId, assistant.id, change, persist);
    const fail = (error: TChatErrorView, hasText: boolean) => {
      patch((m) => ({ ...m, status: m.status === "stopped" ? "stopped" : "error", error }));
      setAnnouncement(`The reply failed: ${error.title}.`);
      // Nothing is lost: a message that got no reply goes back into an empty input box.
      if (!hasText && inputRef.current.trim().length === 0) {
        setInputValue(text);
        setRestoredMessageId(assistant.id);
      }
    };

    const started = performance.now();
    let content = "";
    let reasoning = "";
    let lastPersist = Date.now();
    try {
      const result = await sendAction({ requestId: active.requestId, model: base.model, messages: toRequestMessages(history), options: base.options });
      if (!result.ok) {
        fail({ ...clientError("Your message was not sent", result.error), kind: "invalid" }, false);
        return;
      }
      const reader = result.data.events.getReader();
      active.reader = reader;
      for (;;) {
        const { done, value: event } = await reader.read();
        if (done) break;
        if (event.type === "start") {
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
          if (event.error.kind === "cancelled") patch((m) => ({ ...m, status: "stopped", error: event.error }));
          else fail(event.error, content.length > 0);
        } else if (event.type === "end") {
          const { outcome } = event;
          patch((m) => ({
            ...m,
            outcome,
            status: m.status === "streaming" ? (outcome.status === "success" ? "complete" : outcome.status === "cancelled" ? "stopped" : "error") : m.status,
          }));
          if (outcome.status === "success" && !active.isStopped) setAnnouncement("The reply is complete.");
        }
      }
    } catch {
      // The action itself failed: network gone, server restarted, or a conversation too large to send.
      if (!active.isStopped) fail(clientError("Privet could not be reached", "Check your connection and try again. Very long conversations may also be too large to send: start a new one."), content.length > 0);
    } finally {
      patch((m) => {
        if (m.status !== "streaming") return m;
        if (active.isStopped) return { ...m, status: "stopped" };
        return { ...m, status: "error", error: clientError("The connection to Privet was lost", "The reply ended before Privet said how it went. Try again.") };
      });
      finishActive(active);
    }
  }

  async function stop() {
    const active = activeRef.current;
    if (!active || active.isStopped) return;
    active.isStopped = true;
    patchAssistant(active.conversationId, active.assistantId, (m) => (m.status === "streaming" ? { ...m, status: "stopped" } : m), true);
    // The composer is free at once; the stream is still read to its end for the receipt's figures.
    activeRef.current = null;
    setStreamingId(null);
    setAnnouncement("Stopped.");
    textareaRef.current?.focus();
    // A browser that stops reading does not stop the server; this action does (and the upstream call with it).
    const result = await stopAction({ requestId: active.requestId }).catch(() => null);
    if (!result?.ok) void active.reader?.cancel().catch(() => undefined);
    setTimeout(() => {
      if (!active.isDone) void active.reader?.cancel().catch(() => undefined);
    }, STOP_FALLBACK_MS);
  }

  function onSend() {
    const text = inputRef.current;
    if (!text.trim() || activeRef.current) return;
    setInputValue("");
    void send(text, current);
  }

  function retry() {
    const messages = current.messages;
    const last = messages.at(-1);
    const user = messages.at(-2);
    if (activeRef.current || last?.role !== "assistant" || user?.role !== "user") return;
    if (inputRef.current === user.content) setInputValue("");
    void send(user.content, { ...current, messages: messages.slice(0, -2) });
  }

  function setOptions(options: TConversationOptions) {
    update(current.id, (c) => ({ ...c, options }));
  }

  function selectModel(modelId: string) {
    update(current.id, (c) => ({ ...c, model: modelId }));
    try {
      window.localStorage.setItem(lastModelKey, modelId);
    } catch {
      // Not remembered; nothing else depends on it.
    }
  }

  function startNewChat() {
    if (scratchRef.current.messages.length > 0 || scratchRef.current.model !== current.model) {
      scratchRef.current = newConversation(newId(), current.model || fallbackModel, new Date());
      setScratch(scratchRef.current);
    }
    setCurrentId(null);
    setIsSidebarOpen(false);
    setRestoredMessageId(null);
    textareaRef.current?.focus();
  }

  function selectConversation(id: string) {
    setCurrentId(id);
    setIsSidebarOpen(false);
    setRestoredMessageId(null);
    isPinnedRef.current = true;
  }

  async function deleteCurrent() {
    const id = current.id;
    const title = current.title;
    const list = conversationsRef.current.filter((c) => c.id !== id);
    conversationsRef.current = list;
    setConversations(list);
    setCurrentId(null);
    try {
      await storeRef.current?.remove(id);
      toast.success(`Deleted “${title}”.`);
    } catch {
      toast.error("The conversation could not be removed from the browser's storage.");
    }
  }

  async function importFile(file: File) {
    setImportError(null);
    let text: string;
    try {
      text = await file.text();
    } catch {
      setImportError("That file could not be read.");
      return;
    }
    const parsed = parseChatImport(text);
    if (!parsed.ok) {
      setImportError(parsed.error);
      return;
    }
    const imported = mergeImported(new Set(conversationsRef.current.map((c) => c.id)), parsed.conversations, newId).filter((c) => c.messages.length > 0);
    if (imported.length === 0) {
      setImportError("This export only has empty conversations.");
      return;
    }
    const list = sortConversations([...imported, ...conversationsRef.current]);
    conversationsRef.current = list;
    setConversations(list);
    try {
      for (const conversation of imported) await storeRef.current?.put(conversation);
    } catch {
      reportStoreError();
    }
    selectConversation(imported[0]!.id);
    toast.success(imported.length === 1 ? `Imported “${imported[0]!.title}”.` : `Imported ${imported.length} conversations.`);
  }

  const isStreaming = streamingId !== null;
  const blocked = availability?.refusal ?? null;

  return (
    <div className="flex h-[calc(100dvh-4rem)] min-h-[28rem] w-full">
      <h1 className="sr-only">Chat</h1>
      <ConversationSidebar
        conversations={conversations}
        currentId={isSaved ? current.id : null}
        isOpen={isSidebarOpen}
        isPersistent={isPersistent}
        importError={importError}
        onClose={() => setIsSidebarOpen(false)}
        onSelect={selectConversation}
        onNew={startNewChat}
        onImport={(file) => void importFile(file)}
        onExportAll={() => download(exportFileName(conversationsRef.current, new Date()), toExport(conversationsRef.current, new Date()))}
      />

      <div className="flex min-w-0 flex-1 flex-col">
        <div className="relative flex items-center gap-2 border-b px-2 py-2 sm:px-4">
          <Button variant="ghost" size="icon" className="md:hidden" aria-label="Conversations" aria-expanded={isSidebarOpen} onClick={() => setIsSidebarOpen(true)}>
            <PanelLeft className="size-5" aria-hidden="true" />
          </Button>
          <ModelPicker
            models={data.models}
            selectedId={current.model}
            optionsKey={currentOptionsKey}
            onSelect={selectModel}
            onConversationFix={(option) => setOptions({ ...current.options, [option]: false })}
          />
          <div
            ref={optionsWrapperRef}
            className="static sm:relative"
            onBlur={(event) => {
              // Focus moving elsewhere closes it; a click inside on something unfocusable does not.
              const next = event.relatedTarget as Node | null;
              if (isOptionsOpen && next && !optionsWrapperRef.current?.contains(next)) setIsOptionsOpen(false);
            }}
          >
            <Button
              variant="outline"
              size="sm"
              className="h-9"
              aria-label={activeOptionCount > 0 ? `Privacy options (${activeOptionCount} active)` : "Privacy options"}
              aria-expanded={isOptionsOpen}
              aria-controls="chat-privacy-options"
              onClick={() => setIsOptionsOpen((open) => !open)}
              onKeyDown={(event) => {
                if (event.key === "Escape") setIsOptionsOpen(false);
              }}
            >
              <ShieldCheck className="size-4 text-brand" aria-hidden="true" />
              <span className="hidden sm:inline">Privacy</span>
              {activeOptionCount > 0 ? (
                <span className="rounded-full bg-brand-soft px-1.5 text-xs font-semibold text-brand" aria-hidden="true">
                  {activeOptionCount}
                </span>
              ) : null}
            </Button>
            <div
              id="chat-privacy-options"
              hidden={!isOptionsOpen}
              onKeyDown={(event) => {
                if (event.key === "Escape") setIsOptionsOpen(false);
              }}
              className="absolute inset-x-2 top-full z-30 mt-2 max-h-[calc(100dvh-9rem)] overflow-y-auto rounded-xl shadow-xl sm:inset-x-auto sm:right-auto sm:left-0 sm:w-[26rem]"
            >
              <PrivacyOptions options={current.options} onChange={setOptions} settings={data.settings} model={currentModel} optionsKey={currentOptionsKey} />
            </div>
          </div>
          <Button
            variant={current.options.reasoning && canThink ? "secondary" : "outline"}
            size="sm"
            className="h-9"
            aria-pressed={current.options.reasoning === true && canThink}
            aria-label="Think before answering"
            aria-describedby="chat-think-hint"
            disabled={!canThink}
            title={thinkHint}
            onClick={() => setOptions({ ...current.options, reasoning: !current.options.reasoning })}
          >
            <Brain className={current.options.reasoning && canThink ? "size-4 text-brand" : "size-4"} aria-hidden="true" />
            <span className="hidden sm:inline">Think</span>
          </Button>
          <span id="chat-think-hint" className="sr-only">
            {thinkHint}
          </span>
          <div className="ml-auto flex items-center gap-0.5">
            {isSaved ? (
              <>
                <Button variant="ghost" size="icon" aria-label="Rename conversation" title="Rename" onClick={() => setDialog("rename")}>
                  <Pencil className="size-4" aria-hidden="true" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label="Export conversation"
                  title="Export as JSON"
                  onClick={() => download(exportFileName([current], new Date()), toExport([current], new Date()))}
                >
                  <Download className="size-4" aria-hidden="true" />
                </Button>
                <Button variant="ghost" size="icon" aria-label="Delete conversation" title="Delete" disabled={isStreaming} onClick={() => setDialog("delete")}>
                  <Trash2 className="size-4" aria-hidden="true" />
                </Button>
              </>
            ) : null}
          </div>
        </div>

        <div
          ref={scrollRef}
          onScroll={(event) => {
            const el = event.currentTarget;
            isPinnedRef.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          }}
          className="min-h-0 flex-1 overflow-y-auto"
        >
          <div className="mx-auto w-full max-w-3xl px-3 py-6 sm:px-6">
            {!isLoaded ? (
              <p className="py-16 text-center text-sm text-muted-foreground">Opening your conversations…</p>
            ) : current.messages.length === 0 ? (
              <EmptyConversation modelName={currentModel?.name ?? null} />
            ) : (
              <MessageList
                messages={current.messages}
                onRetry={retry}
                onConversationFix={(option) => setOptions({ ...current.options, [option]: false })}
                restoredMessageId={restoredMessageId}
              />
            )}
          </div>
        </div>

        <div className="border-t bg-background px-3 pt-3 pb-3 sm:px-6">
          <div className="mx-auto flex w-full max-w-3xl flex-col gap-2">
            {currentModel === undefined && current.model ? (
              <Notice>
                This conversation&apos;s model <code className="font-mono">{current.model}</code> is not in this server&apos;s catalog. Pick another model.
              </Notice>
            ) : blocked ? (
              <Notice>
                <span>
                  No provider can serve <strong>{currentModel?.name}</strong> under your settings{current.options.denyDataCollection || current.options.zdr ? " and this conversation's options" : ""}:{" "}
                  {blocked.labels.join(", ")}.
                </span>
                <ul className="flex flex-wrap gap-x-4 gap-y-1.5">
                  {blocked.fixes.map((fix) => (
                    <li key={`${fix.kind}-${fix.label}`}>
                      <FixItem fix={fix} onConversationFix={(option) => setOptions({ ...current.options, [option]: false })} />
                    </li>
                  ))}
                </ul>
              </Notice>
            ) : null}
            <Composer
              value={input}
              onChange={setInputValue}
              onSend={onSend}
              onStop={() => void stop()}
              isStreaming={isStreaming}
              isDisabled={!isLoaded || !current.model}
              disabledReason={!current.model ? "Pick a model to start." : null}
              textareaRef={textareaRef}
            />
          </div>
        </div>
      </div>

      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>

      <RenameConversationDialog
        title={current.title}
        open={dialog === "rename"}
        onOpenChange={(open) => setDialog(open ? "rename" : null)}
        onRename={(title) => update(current.id, (c) => ({ ...c, title }))}
      />
      <DeleteConversationDialog
        title={current.title}
        open={dialog === "delete"}
        onOpenChange={(open) => setDialog(open ? "delete" : null)}
        onDelete={() => void deleteCurrent()}
      />
    </div>
  );
}

function Notice({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-col gap-1.5 rounded-lg border border-warning/30 bg-warning-soft px-3 py-2 text-xs text-foreground">{children}</div>;
}

function EmptyConversation({ modelName }: { modelName: string | null }) {
  return (
    <div className="flex flex-col items-center gap-3 py-12 text-center sm:py-20">
      <span className="grid size-11 place-items-center rounded-xl bg-brand-soft text-brand" aria-hidden="true">
        <Lock className="size-5" />
      </span>
      <h2 className="text-xl font-semibold tracking-tight">{modelName ? `Chat with ${modelName}` : "Start a conversation"}</h2>
      <p className="max-w-md text-sm text-muted-foreground">
        Your messages go only to providers your privacy settings allow, and each reply says who served it and what they keep. Conversations stay in this browser.
      </p>
      <p className="text-sm">
        <Link href={settingHref("prompt-logging")} className="text-brand underline-offset-2 hover:underline">
          Review your privacy settings
        </Link>
      </p>
    </div>
  );
}
