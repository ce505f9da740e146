// What this browser's chat database (IndexedDB) holds. The page shows a reply complete as soon as
// its last chunk arrives, and writes it to IndexedDB a moment later: a test that reloads right
// after must first wait for that write, as a person reloading that fast would see the reply
// "interrupted".
import { expect, type Page } from "@playwright/test";

/** How many replies in this browser's stored conversations are still marked as streaming. */
async function storedStreamingReplies(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    let streaming = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith("privet-chat:")) continue;
      const db = await request(indexedDB.open(name));
      if (db.objectStoreNames.contains("conversations")) {
        const all = await request(db.transaction("conversations").objectStore("conversations").getAll());
        for (const c of all as { messages?: { role: string; status?: string }[] }[])
          streaming += (c.messages ?? []).filter((m) => m.role === "assistant" && m.status === "streaming").length;
      }
      db.close();
    }
    return streaming;
  });
}

/** Waits until no stored reply is still marked as streaming (the finished ones are saved). */
export async function waitUntilRepliesSaved(page: Page): Promise<void> {
  await expect.poll(() => storedStreamingReplies(page)).toBe(0);
}

export type TStoredChat = {
  version: number;
  /** The stored conversation records, as IndexedDB holds them. */
  conversations: { id: string; messages: { role: string; attachments?: Record<string, unknown>[] }[] }[];
  /** The attachments store: each file's hash and data URL. */
  files: { hash: string; data: string }[];
};

/** What this browser's (one) chat database holds: its version, conversation records and attachment files. */
export async function storedChat(page: Page): Promise<TStoredChat> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const [info] = (await indexedDB.databases()).filter((d) => d.name?.startsWith("privet-chat:"));
    const db = await request(indexedDB.open(info!.name!));
    const read = (store: string) =>
      db.objectStoreNames.contains(store) ? request(db.transaction(store).objectStore(store).getAll()) : [];
    const result = {
      version: db.version,
      conversations: (await read("conversations")) as TStoredChat["conversations"],
      files: (await read("attachments")) as TStoredChat["files"],
    };
    db.close();
    return result;
  });
}

/**
 * Replaces this browser's (one) chat database with one at an older `version`, holding `records` in
 * its conversations store, as a browser that last ran an older Privet would have it. The page
 * reads it after a reload.
 */
export async function storeOlderChat(page: Page, version: number, records: Record<string, unknown>[]): Promise<void> {
  await page.evaluate(
    async ({ version, records }) => {
      const [info] = (await indexedDB.databases()).filter((d) => d.name?.startsWith("privet-chat:"));
      const name = info!.name!;
      await new Promise((resolve, reject) => {
        const deletion = indexedDB.deleteDatabase(name);
        deletion.onsuccess = resolve;
        deletion.onerror = reject;
      });
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onupgradeneeded = () => {
          const store = open.result.createObjectStore("conversations", { keyPath: "id" });
          for (const record of records) store.put(record);
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      });
    },
    { version, records },
  );
}
