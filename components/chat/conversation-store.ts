"use client";

// Conversation history in the browser's IndexedDB, never on the server. One database per account
// (its name carries the account id), so another account signed in on the same browser sees none
// of it. Where IndexedDB is unavailable (some private modes) history lives in memory for the tab
// and the UI says so. Deleting the account, or signing out with "also clear this browser's chats",
// deletes the account's database (`deleteConversationHistory`).
import { migrateConversation, settleInterrupted, type TConversation } from "@/lib/chat/history";

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

/** 2: conversations have branches (`alternatives`); older records are rewritten on upgrade. */
const DATABASE_VERSION = 2;

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, DATABASE_VERSION);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) {
        db.createObjectStore(STORE, { keyPath: "id" });
        return;
      }
      if (event.oldVersion < 2) {
        // Version 1 records, in today's format; one that parses as neither is left for list() to skip.
        const cursorRequest = request.transaction!.objectStore(STORE).openCursor();
        cursorRequest.onsuccess = () => {
          const cursor = cursorRequest.result;
          if (!cursor) return;
          const migrated = migrateConversation(cursor.value);
          if (migrated) cursor.update(migrated);
          cursor.continue();
        };
      }
    };
    request.onsuccess = () => {
      // A deletion of this database (another tab signing out, the account deleted) must not wait
      // for this tab: let go of it.
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("blocked"));
  });
}

/** How long a deletion waits for another tab to let go of the database before the page moves on. */
const DELETE_WAIT_MS = 3_000;

/**
 * Deletes the account's chat history from this browser. Resolves true once it is gone; false when
 * it could not be deleted, or when a tab still holds it open after a few seconds (the browser then
 * deletes it as soon as that tab lets go). Never rejects.
 */
export function deleteConversationHistory(accountId: string): Promise<boolean> {
  try {
    // The model last chosen for a new chat (components/chat/use-conversations.ts) goes too.
    window.localStorage.removeItem(`${databaseName(accountId)}:model`);
    // So does the default system prompt (components/chat/use-conversations.ts): it is prompt text.
    window.localStorage.removeItem(`${databaseName(accountId)}:system-prompt`);
  } catch {
    // Storage may be blocked: then nothing was kept there either.
  }
  return new Promise((resolve) => {
    if (typeof indexedDB === "undefined") return resolve(true);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.deleteDatabase(databaseName(accountId));
    } catch {
      return resolve(false);
    }
    request.onsuccess = () => resolve(true);
    request.onerror = () => resolve(false);
    request.onblocked = () => setTimeout(() => resolve(false), DELETE_WAIT_MS);
  });
}

export function databaseName(accountId: string): string {
  return `privet-chat:${accountId}`;
}

/** Pinned first, then newest first. */
export function sortConversations(list: TConversation[]): TConversation[] {
  return [...list].sort((a, b) => {
    if (Boolean(a.pinned) !== Boolean(b.pinned)) return a.pinned ? -1 : 1;
    return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0;
  });
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
        const conversation = migrateConversation(row);
        return conversation ? [settleInterrupted(conversation)] : [];
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
