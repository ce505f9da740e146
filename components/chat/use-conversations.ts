"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { mergeImported, newConversation, parseChatImport, type TConversation } from "@/lib/chat/history";
import { newId } from "@/lib/chat/ids";
import { DEFAULT_CONVERSATION_OPTIONS, type TChatModelView, type TConversationOptions } from "@/lib/chat/types";
import {
  openConversationStore,
  sortConversations,
  type TConversationStore,
} from "@/components/chat/conversation-store";

/** Replaces a conversation by id; `persist: false` leaves the browser store for a later write. */
export type TUpdateConversation = (
  id: string,
  change: (conversation: TConversation) => TConversation,
  options?: { persist?: boolean },
) => void;

export type TConversations = {
  /** False until the browser's history has been read. */
  isLoaded: boolean;
  /** False when the browser cannot keep history beyond this tab. */
  isPersistent: boolean;
  /** The saved conversations, newest first. */
  list: TConversation[];
  /** The open conversation: a saved one, or the unsaved one a new chat starts with. */
  current: TConversation;
  /** Whether `current` is saved (it has a message). */
  isCurrentSaved: boolean;
  /** A scratch conversation that gets its first message is saved, stays open, and a new scratch takes its place. */
  update: TUpdateConversation;
  select: (id: string) => void;
  /** Opens an empty conversation with the current model. */
  startNew: () => void;
  /** Sets the current conversation's model and remembers it for the next new chat. */
  setModel: (modelId: string) => void;
  setOptions: (options: TConversationOptions) => void;
  rename: (title: string) => void;
  /** Pins a saved conversation to the top of the list, or unpins it. */
  togglePin: (id: string) => void;
  deleteCurrent: () => Promise<void>;
  /** Adds the conversations of an export file; resolves to the one to open, or null (see `importError`). */
  importFile: (file: File) => Promise<string | null>;
  importError: string | null;
  /** The saved conversations as they are now, for an export started from an event handler. */
  snapshot: () => TConversation[];
  /** The system prompt a new chat starts with, a setting of this browser ("" for none). */
  defaultSystemPrompt: string;
  setDefaultSystemPrompt: (text: string) => void;
};

/** Where this browser keeps an account's default system prompt (deleted with its chat history). */
export function defaultSystemPromptKey(accountId: string): string {
  return `privet-chat:${accountId}:system-prompt`;
}

/** The temperature and max tokens, when set. */
function pick({ temperature, maxTokens }: TConversationOptions): Partial<TConversationOptions> {
  return { ...(temperature !== undefined ? { temperature } : {}), ...(maxTokens !== undefined ? { maxTokens } : {}) };
}

/**
 * A new chat keeps the last one's privacy options and Think, but starts with the default system
 * prompt and the model's own temperature and max tokens.
 */
function newChatOptions(options: TConversationOptions, systemPrompt: string): TConversationOptions {
  const next = { ...options };
  delete next.systemPrompt;
  delete next.temperature;
  delete next.maxTokens;
  return systemPrompt.trim() ? { ...next, systemPrompt } : next;
}

/**
 * The conversation history of one account, kept in this browser (never on the server): loads it,
 * names the open conversation in the URL (`?c=`), and writes every change back.
 */
export function useConversations({
  accountId,
  modelById,
  defaultModelId,
}: {
  accountId: string;
  modelById: ReadonlyMap<string, TChatModelView>;
  /** The model of a new chat when the browser remembers none. */
  defaultModelId: string;
}): TConversations {
  const lastModelKey = `privet-chat:${accountId}:model`;
  const systemPromptKey = defaultSystemPromptKey(accountId);
  const [defaultSystemPrompt, setDefaultSystemPromptState] = useState("");
  const defaultSystemPromptRef = useRef("");
  const storeRef = useRef<TConversationStore | null>(null);
  const [isLoaded, setIsLoaded] = useState(false);
  const [isPersistent, setIsPersistent] = useState(true);
  const [list, setList] = useState<TConversation[]>([]);
  const listRef = useRef<TConversation[]>([]);
  // The conversation shown when none is selected: not saved until its first message.
  const [scratch, setScratch] = useState<TConversation>(() => newConversation(newId(), defaultModelId, new Date()));
  const scratchRef = useRef(scratch);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);

  const current = (currentId ? list.find((c) => c.id === currentId) : undefined) ?? scratch;

  const setSaved = useCallback((next: TConversation[]) => {
    listRef.current = next;
    setList(next);
  }, []);

  const replaceScratch = useCallback((next: TConversation) => {
    scratchRef.current = next;
    setScratch(next);
  }, []);

  const reportStoreError = useCallback(() => {
    toast.error("This conversation could not be saved in the browser. Export it to keep a copy.");
  }, []);

  const update = useCallback<TUpdateConversation>(
    (id, change, { persist = true } = {}) => {
      const saved = listRef.current.find((c) => c.id === id);
      const base = saved ?? (scratchRef.current.id === id ? scratchRef.current : null);
      if (!base) return; // deleted meanwhile
      const next = change(base);
      if (next.messages.length === 0 && !saved) {
        replaceScratch(next);
        return;
      }
      setSaved(
        sortConversations(saved ? listRef.current.map((c) => (c.id === id ? next : c)) : [next, ...listRef.current]),
      );
      if (persist) storeRef.current?.put(next).catch(reportStoreError);
      if (!saved) {
        replaceScratch(
          newConversation(
            newId(),
            next.model,
            new Date(),
            newChatOptions(next.options, defaultSystemPromptRef.current),
          ),
        );
        setCurrentId(id);
      }
    },
    [replaceScratch, reportStoreError, setSaved],
  );

  // Load the history of this account from the browser, then open the conversation named in the URL.
  useEffect(() => {
    let isCancelled = false;
    void (async () => {
      const store = await openConversationStore(accountId);
      const loaded = await store.list().catch(() => [] as TConversation[]);
      if (isCancelled) return;
      storeRef.current = store;
      setSaved(loaded);
      setIsPersistent(store.isPersistent);
      try {
        const prompt = window.localStorage.getItem(systemPromptKey) ?? "";
        defaultSystemPromptRef.current = prompt;
        setDefaultSystemPromptState(prompt);
        if (prompt && scratchRef.current.messages.length === 0)
          replaceScratch({ ...scratchRef.current, options: { ...scratchRef.current.options, systemPrompt: prompt } });
      } catch {
        // Storage may be blocked: no default system prompt.
      }
      const params = new URL(window.location.href).searchParams;
      const wanted = params.get("c");
      // "Chat with this model" (a model's page) opens a new chat on that model.
      const wantedModel = params.get("model");
      if (wantedModel && modelById.has(wantedModel)) {
        if (scratchRef.current.messages.length === 0) replaceScratch({ ...scratchRef.current, model: wantedModel });
      } else {
        if (wanted && loaded.some((c) => c.id === wanted)) setCurrentId(wanted);
        try {
          // The model last chosen, unless the settings no longer leave it a provider while the default has one.
          const lastModel = window.localStorage.getItem(lastModelKey);
          const last = lastModel ? modelById.get(lastModel) : undefined;
          const isLastUsable = (last?.availability.none.allowed.length ?? 0) > 0;
          const isDefaultUsable = (modelById.get(defaultModelId)?.availability.none.allowed.length ?? 0) > 0;
          if (last && (isLastUsable || !isDefaultUsable) && scratchRef.current.messages.length === 0) {
            replaceScratch({ ...scratchRef.current, model: last.id });
          }
        } catch {
          // Storage may be blocked; the default model is fine.
        }
      }
      setIsLoaded(true);
    })();
    return () => {
      isCancelled = true;
    };
  }, [accountId, defaultModelId, lastModelKey, modelById, replaceScratch, setSaved, systemPromptKey]);

  // The URL names the open conversation, so a reload (or a bookmark) comes back to it.
  useEffect(() => {
    if (!isLoaded) return;
    const url = new URL(window.location.href);
    if (currentId) url.searchParams.set("c", currentId);
    else url.searchParams.delete("c");
    // Read once when the page opened; a reload should not start over on it.
    url.searchParams.delete("model");
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [currentId, isLoaded]);

  function setModel(modelId: string) {
    update(current.id, (c) => ({ ...c, model: modelId }));
    try {
      window.localStorage.setItem(lastModelKey, modelId);
    } catch {
      // Not remembered; nothing else depends on it.
    }
  }

  function startNew() {
    if (scratchRef.current.messages.length > 0 || scratchRef.current.model !== current.model) {
      replaceScratch(
        newConversation(
          newId(),
          current.model || defaultModelId,
          new Date(),
          newChatOptions(DEFAULT_CONVERSATION_OPTIONS, defaultSystemPromptRef.current),
        ),
      );
    }
    setCurrentId(null);
  }

  function setDefaultSystemPrompt(text: string) {
    defaultSystemPromptRef.current = text;
    setDefaultSystemPromptState(text);
    try {
      if (text.trim()) window.localStorage.setItem(systemPromptKey, text);
      else window.localStorage.removeItem(systemPromptKey);
      toast.success(
        text.trim() ? "New chats will start with this system prompt." : "New chats start with no system prompt.",
      );
    } catch {
      toast.error("This browser did not allow saving the default.");
    }
    // An empty new chat takes the new default at once.
    if (scratchRef.current.messages.length === 0)
      replaceScratch({
        ...scratchRef.current,
        options: { ...newChatOptions(scratchRef.current.options, text), ...pick(scratchRef.current.options) },
      });
  }

  async function deleteCurrent() {
    const { id, title } = current;
    setSaved(listRef.current.filter((c) => c.id !== id));
    setCurrentId(null);
    try {
      await storeRef.current?.remove(id);
      toast.success(`Deleted “${title}”.`);
    } catch {
      toast.error("The conversation could not be removed from the browser's storage.");
    }
  }

  async function importFile(file: File): Promise<string | null> {
    setImportError(null);
    let text: string;
    try {
      text = await file.text();
    } catch {
      setImportError("That file could not be read.");
      return null;
    }
    const parsed = parseChatImport(text);
    if (!parsed.ok) {
      setImportError(parsed.error);
      return null;
    }
    const imported = mergeImported(new Set(listRef.current.map((c) => c.id)), parsed.conversations, newId).filter(
      (c) => c.messages.length > 0,
    );
    const first = imported[0];
    if (!first) {
      setImportError("This export only has empty conversations.");
      return null;
    }
    setSaved(sortConversations([...imported, ...listRef.current]));
    try {
      for (const conversation of imported) await storeRef.current?.put(conversation);
    } catch {
      reportStoreError();
    }
    setCurrentId(first.id);
    toast.success(imported.length === 1 ? `Imported “${first.title}”.` : `Imported ${imported.length} conversations.`);
    return first.id;
  }

  return {
    isLoaded,
    isPersistent,
    list,
    current,
    isCurrentSaved: current.messages.length > 0,
    update,
    select: setCurrentId,
    startNew,
    setModel,
    setOptions: (options) => update(current.id, (c) => ({ ...c, options })),
    rename: (title) => update(current.id, (c) => ({ ...c, title })),
    togglePin: (id) => update(id, (c) => ({ ...c, pinned: !c.pinned })),
    deleteCurrent,
    importFile,
    importError,
    snapshot: () => listRef.current,
    defaultSystemPrompt,
    setDefaultSystemPrompt,
  };
}
