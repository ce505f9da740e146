"use client";

// Conversation history in the browser's IndexedDB, never on the server. One database per account
// (its name carries the account id), so another account signed in on the same browser sees none
// of it. Where IndexedDB is unavailable (some private modes) history lives in memory for the tab
// and the UI says so. Deleting the account, or signing out with "also clear this browser's chats",
// deletes the account's database (`deleteConversationHistory`).
//
// Attachments' bytes are kept apart from the conversations, once per file in the `attachments`
// store keyed by their SHA-256, and a stored conversation refers to them (lib/chat/stored-attachments.ts):
// saving a conversation while its reply streams writes only its text and metadata. Deleting or
// changing a conversation deletes, in the same transaction, every file no conversation refers to.
import { migrateConversation, settleInterrupted, type TConversation } from "@/lib/chat/history";
import {
  hasInlineFiles,
  orphanedFiles,
  referencedHashes,
  rememberHashes,
  toStoredConversation,
  withFiles,
  type TStoredFile,
} from "@/lib/chat/stored-attachments";

export type TConversationStore = {
  /** False when history cannot outlive the tab. */
  isPersistent: boolean;
  list(): Promise<TConversation[]>;
  put(conversation: TConversation): Promise<void>;
  remove(id: string): Promise<void>;
};

const STORE = "conversations";
const FILES = "attachments";

/**
 * 2: conversations have branches (`alternatives`); older records are rewritten on upgrade.
 * 3: attachments' bytes live in their own store. The upgrade creates it; a record still holding
 * bytes inline is moved over by the first `list()` after it (hashing is asynchronous, and an
 * upgrade transaction cannot wait for it), the record rewritten in the same transaction that
 * stores its files, so nothing is lost if the page goes away in between.
 */
const DATABASE_VERSION = 3;

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, DATABASE_VERSION);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      if (!db.objectStoreNames.contains(FILES)) db.createObjectStore(FILES, { keyPath: "hash" });
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

/**
 * Deletes, within `tx`, every stored file no conversation refers to. Requests are queued after
 * those already made in `tx`, so a record put before it counts.
 */
function deleteOrphans(tx: IDBTransaction): void {
  const conversations = tx.objectStore(STORE).getAll();
  conversations.onsuccess = () => {
    const files = tx.objectStore(FILES);
    const keys = files.getAllKeys();
    keys.onsuccess = () => {
      for (const hash of orphanedFiles(conversations.result, keys.result as string[])) files.delete(hash);
    };
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
  /** Runs `fn` in one transaction over both stores; resolves once it has committed. */
  const transact = (mode: IDBTransactionMode, fn: (tx: IDBTransaction) => void): Promise<void> => {
    const tx = db.transaction([STORE, FILES], mode);
    // A write counts once its transaction has committed, not when the request succeeded.
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error("aborted"));
    });
    fn(tx);
    return committed;
  };
  /** The files each saved conversation refers to, as last written or read by this tab. */
  const refsById = new Map<string, Set<string>>();

  // Writes commit in the order they were asked for: a save must not land after a later one (or
  // after the conversation's deletion) because hashing its attachments took longer.
  let queue: Promise<unknown> = Promise.resolve();
  function inOrder<T>(write: () => Promise<T>): Promise<T> {
    const run = queue.then(write);
    queue = run.catch(() => undefined);
    return run;
  }

  function put(conversation: TConversation): Promise<void> {
    // Hashed before the transaction opens (it would not wait for the hashing), and meanwhile.
    const stored = toStoredConversation(conversation);
    stored.catch(() => undefined); // handled below, in turn
    return inOrder(async () => {
      const { record, files } = await stored;
      const refs = new Set(files.keys());
      const previous = refsById.get(conversation.id);
      const dropsAFile = previous !== undefined && [...previous].some((hash) => !refs.has(hash));
      await transact("readwrite", (tx) => {
        const store = tx.objectStore(FILES);
        // A file already stored is not written again (while a reply streams, none is).
        for (const [hash, data] of files) {
          const count = store.count(hash);
          count.onsuccess = () => {
            if (count.result === 0) store.put({ hash, data } satisfies TStoredFile);
          };
        }
        tx.objectStore(STORE).put(record);
        if (dropsAFile) deleteOrphans(tx);
      });
      refsById.set(conversation.id, refs);
    });
  }

  return {
    isPersistent: true,
    async list() {
      let rows: unknown[] = [];
      let files: TStoredFile[] = [];
      await transact("readonly", (tx) => {
        const conversations = tx.objectStore(STORE).getAll();
        conversations.onsuccess = () => (rows = conversations.result);
        const stored = tx.objectStore(FILES).getAll();
        stored.onsuccess = () => (files = stored.result as TStoredFile[]);
      });
      const dataByHash = new Map(files.map((file) => [file.hash, file.data]));
      const hashByData = new Map(files.map((file) => [file.data, file.hash]));
      const inline: TConversation[] = [];
      // A record that no longer parses (written by a different version, edited by hand) is skipped, not fatal.
      const valid = rows.flatMap((row) => {
        const conversation = migrateConversation(withFiles(row, dataByHash));
        if (!conversation) return [];
        rememberHashes(conversation, hashByData);
        refsById.set(conversation.id, new Set(referencedHashes(row)));
        if (hasInlineFiles(row)) inline.push(conversation);
        return [settleInterrupted(conversation)];
      });
      try {
        // Records from before the attachments store: their files are moved there (as it was read).
        for (const conversation of inline) await put(conversation);
        // Files no record refers to (should a write have gone wrong) go.
        if (orphanedFiles(rows, [...dataByHash.keys()]).length > 0) await transact("readwrite", deleteOrphans);
      } catch {
        // Left as they are for the next time: a record with its bytes inline still reads.
      }
      return sortConversations(valid);
    },
    put,
    remove: (id) =>
      inOrder(async () => {
        await transact("readwrite", (tx) => {
          tx.objectStore(STORE).delete(id);
          deleteOrphans(tx);
        });
        refsById.delete(id);
      }),
  };
}
