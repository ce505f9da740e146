"use client";

// Conversation history in the browser's IndexedDB, never on the server. One database per account
// (its name carries the account id), so another account signed in on the same browser sees none
// of it. Where IndexedDB is unavailable (some private modes) history lives in memory for the tab
// and the UI says so.
import { settleInterrupted, ZConversation, type TConversation } from "@/lib/chat/history";

export type TConversationStore = {
  /** False when history cannot outlive the tab. */
  isPersistent: boolean;
  list(): Promise<TConversation[]>;
  put(conversation: TConversation): Promise<void>;
  remove(id: string): Promise<void>;
};

const STORE = "conversations";

function promisify<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: "id" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("blocked"));
  });
}

export function databaseName(accountId: string): string {
  return `privet-chat:${accountId}`;
}

/** Newest first. */
export function sortConversations(list: TConversation[]): TConversation[] {
  return [...list].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

function memoryStore(): TConversationStore {
  const items = new Map<string, TConversation>();
  return {
    isPersistent: false,
    list: async () => sortConversations([...items.values()]),
    put: async (conversation) => {
      items.set(conversation.id, conversation);
    },
    remove: async (id) => {
      items.delete(id);
    },
  };
}

export async function openConversationStore(accountId: string): Promise<TConversationStore> {
  let db: IDBDatabase;
  try {
    if (typeof indexedDB === "undefined") return memoryStore();
    db = await openDatabase(databaseName(accountId));
  } catch {
    return memoryStore();
  }
  const run = async <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = db.transaction(STORE, mode);
    // A write counts once its transaction has committed, not when the request succeeded.
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error("aborted"));
    });
    const result = await promisify(fn(tx.objectStore(STORE)));
    await committed;
    return result;
  };
  return {
    isPersistent: true,
    async list() {
      const rows = await run("readonly", (store) => store.getAll() as IDBRequest<unknown[]>);
      // A record that no longer parses (written by a different version, edited by hand) is skipped, not fatal.
      const valid = rows.flatMap((row) => {
        const parsed = ZConversation.safeParse(row);
        return parsed.success ? [settleInterrupted(parsed.data)] : [];
      });
      return sortConversations(valid);
    },
    async put(conversation) {
      await run("readwrite", (store) => store.put(conversation));
    },
    async remove(id) {
      await run("readwrite", (store) => store.delete(id));
    },
  };
}
