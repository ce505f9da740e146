// Deleting erases (issue 14, items 8 and 9). After an account deletion, "delete all logged content",
// one deleted item or log, and the purge, what was deleted is in neither the SQLite database file
// nor its WAL — a marker email, the password hash, the content's ciphertext and its content key are
// looked for as bytes in the files themselves (on PostgreSQL: in every table, and VACUUM must have
// run). And content copied before its account or its content was deleted cannot be decrypted with
// the master key, which sits in the same data directory. Linked category samples go with the
// content. A master-key rotation re-wraps content keys and leaves the content as it was.
import crypto from "node:crypto";
import path from "node:path";
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";
import { findInFiles, readFilesUnder } from "@/tests/support/leak-scan";
import { databaseEntryNames, readDatabase, type TScanned } from "@/tests/support/database-scan";
import { withPostgresClient } from "@/tests/support/database";

let h: THarness;
let lib: {
  accounts: typeof import("@/lib/accounts/accounts");
  deletion: typeof import("@/lib/accounts/deletion");
  activity: typeof import("@/lib/activity/deletion");
  content: typeof import("@/lib/content/content");
  crypto: typeof import("@/lib/content/crypto");
  keys: typeof import("@/lib/content/keys");
  purge: typeof import("@/lib/privacy/purge");
  apiKeys: typeof import("@/lib/keys/api-keys");
};

const hex = () => crypto.randomBytes(6).toString("hex");
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  // Every successful request is categorized: accounts with prompt logging get linked samples.
  h = await startHarness({ env: { PRIVET_SAMPLE_RATE: "1" } });
  lib = {
    accounts: await import("@/lib/accounts/accounts"),
    deletion: await import("@/lib/accounts/deletion"),
    activity: await import("@/lib/activity/deletion"),
    content: await import("@/lib/content/content"),
    crypto: await import("@/lib/content/crypto"),
    keys: await import("@/lib/content/keys"),
    purge: await import("@/lib/privacy/purge"),
    apiKeys: await import("@/lib/keys/api-keys"),
  };
});
afterAll(async () => {
  await h?.close();
});

/** The data directory's files (privet.db and privet.db-wal on SQLite) and, on PostgreSQL, every table. */
async function scan(): Promise<TScanned[]> {
  const files = [...readFilesUnder(h.dir), ...(await readDatabase(h.dialect, null))];
  // (The PostgreSQL server's log is privacy-leak.test.ts's business: nothing here writes to it.)
  const expected = databaseEntryNames(h.dialect, ["User", "GenerationContent", "ContentKey"]).filter(
    (name) => name !== "server log",
  );
  expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(expected));
  return files;
}

/** Where these bytes (a 48-byte stretch from the middle, or all of a shorter value) occur in the files. */
function bytesIn(value: Uint8Array, files: TScanned[]): string[] {
  const bytes = Buffer.from(value);
  const start = Math.max(0, Math.floor(bytes.length / 2) - 24);
  const needle = bytes.subarray(start, start + 48);
  return files.filter((f) => f.bytes.includes(needle)).map((f) => f.file);
}

async function loggingUser(settings: Record<string, unknown> = {}) {
  const email = `pvterase${hex()}@example.com`;
  const account = await lib.accounts.createAccount({ email, password: PASSWORD });
  await h.updateSettings(account.id, { promptLogging: true, ...settings });
  const { key } = await lib.apiKeys.createApiKey(account.id, "erasure");
  return { id: account.id, email, key };
}

/** A logged request whose prompt holds a fresh marker; resolves to its generation id and the marker. */
async function loggedRequest(key: string): Promise<{ id: string; marker: string }> {
  const marker = `PVTERASE${hex()}`;
  const res = await h.chat(key, {
    model: "e2e/echo",
    messages: [{ role: "user", content: `${marker} please repeat` }],
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("x-privet-content-stored")).toBe("yes");
  await res.text();
  return { id: res.headers.get("x-privet-generation-id")!, marker };
}

/** What a copy of the data directory holds for the account: its content rows, its wrapped content key, its password hash. */
async function copyOf(userId: string) {
  await h.flush();
  const contents = await h.db.generationContent.findMany({ where: { userId } });
  const contentKey = await h.db.contentKey.findUnique({ where: { userId } });
  const user = await h.db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return { contents, contentKey, passwordHash: user?.passwordHash ?? null };
}

/**
 * Every way the master key (PRIVET_ENCRYPTION_KEY, in secrets.json beside the database) could open
 * these rows: Privet's own reading with the key, and each key Privet derives from it. The
 * plaintexts it got; [] when none.
 */
function openedWithMasterKey(
  rows: {
    generationId: string;
    userId: string;
    keyId: string;
    iv: Uint8Array;
    ciphertext: Uint8Array;
    tag: Uint8Array;
  }[],
): string[] {
  const secret = process.env.PRIVET_ENCRYPTION_KEY!;
  const derived = ["content-encryption-v1", "content-key-wrap-v1"].map((info) =>
    Buffer.from(crypto.hkdfSync("sha256", secret, "privet", info, 32)),
  );
  const opened: string[] = [];
  for (const row of rows) {
    const sealed = {
      keyId: row.keyId,
      iv: Buffer.from(row.iv),
      ciphertext: Buffer.from(row.ciphertext),
      tag: Buffer.from(row.tag),
    };
    const attempts = [
      () => lib.crypto.openContent(sealed, row.generationId, row.userId, null),
      ...derived.map((k) => () => {
        const d = crypto.createDecipheriv("aes-256-gcm", k, sealed.iv);
        d.setAAD(Buffer.from(`${row.generationId}\n${row.userId}`));
        d.setAuthTag(sealed.tag);
        return Buffer.concat([d.update(sealed.ciphertext), d.final()]).toString("utf8");
      }),
    ];
    for (const attempt of attempts) {
      try {
        opened.push(attempt());
      } catch {
        // not with this key
      }
    }
  }
  return opened;
}

async function readContent(key: string, id: string): Promise<string | null> {
  const res = await h.get(`/api/v1/generation/content?id=${id}`, key);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

/** PostgreSQL: how many times the table was vacuumed by hand (VACUUM, not autovacuum). */
async function vacuumCount(table: string): Promise<number> {
  return withPostgresClient(process.env.DATABASE_URL!, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT vacuum_count AS n FROM pg_stat_user_tables WHERE relname = $1`,
      [table],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

describe("deleting the account", () => {
  it("leaves its email, password hash, content and content key in neither the database file nor its WAL", async () => {
    const user = await loggingUser();
    const first = await loggedRequest(user.key);
    await loggedRequest(user.key);
    const before = await copyOf(user.id);
    expect(before.contents).toHaveLength(2);
    expect(before.contentKey).not.toBeNull();
    expect(await h.db.categorySample.count({ where: { userId: user.id } })).toBe(2);
    // Controls: the scan finds the account and its ciphertext while they exist, and the copy is the real content.
    const filesBefore = await scan();
    expect(findInFiles(user.email, filesBefore).length).toBeGreaterThan(0);
    expect(bytesIn(before.contents[0]!.ciphertext, filesBefore).length).toBeGreaterThan(0);
    expect(bytesIn(before.contentKey!.wrapped, filesBefore).length).toBeGreaterThan(0);
    expect(await readContent(user.key, first.id)).toContain(first.marker);
    const vacuumsBefore = h.dialect === "postgresql" ? await vacuumCount("User") : 0;

    await lib.deletion.deleteAccount(user.id, PASSWORD, "192.0.2.1");

    const files = await scan();
    expect(findInFiles(user.email, files)).toEqual([]);
    expect(findInFiles(before.passwordHash!, files)).toEqual([]);
    for (const c of before.contents) expect(bytesIn(c.ciphertext, files)).toEqual([]);
    expect(bytesIn(before.contentKey!.wrapped, files)).toEqual([]);
    expect(await h.db.contentKey.count({ where: { userId: user.id } })).toBe(0);
    // A copy of the ciphertext made before the deletion (a backup, a replica) stays unreadable, master key or not.
    expect(openedWithMasterKey(before.contents)).toEqual([]);
    if (h.dialect === "postgresql")
      await expect.poll(() => vacuumCount("User"), { timeout: 10_000 }).toBeGreaterThan(vacuumsBefore);
  });
});

describe("deleting logged content", () => {
  it("deleting all of it deletes the content key and the linked samples; the next logged request gets a new key", async () => {
    const user = await loggingUser();
    await loggedRequest(user.key);
    await loggedRequest(user.key);
    const before = await copyOf(user.id);
    expect(before.contents).toHaveLength(2);
    expect(await h.db.categorySample.count({ where: { userId: user.id } })).toBe(2);
    expect(bytesIn(before.contents[0]!.ciphertext, await scan()).length).toBeGreaterThan(0);

    expect(await lib.content.deleteAllContent(user.id)).toBe(2);

    expect(await h.db.contentKey.count({ where: { userId: user.id } })).toBe(0);
    expect(await h.db.categorySample.count({ where: { userId: user.id } })).toBe(0);
    const files = await scan();
    for (const c of before.contents) expect(bytesIn(c.ciphertext, files)).toEqual([]);
    expect(bytesIn(before.contentKey!.wrapped, files)).toEqual([]);
    expect(openedWithMasterKey(before.contents)).toEqual([]);

    const next = await loggedRequest(user.key);
    expect(await readContent(user.key, next.id)).toContain(next.marker);
    const after = await copyOf(user.id);
    expect(after.contentKey!.id).not.toBe(before.contentKey!.id);
    expect(after.contents.map((c) => c.keyId)).toEqual([after.contentKey!.id]);
  });

  it("deleting one item deletes its linked sample and erases its ciphertext from the files; the rest stays readable", async () => {
    const user = await loggingUser();
    const gone = await loggedRequest(user.key);
    const kept = await loggedRequest(user.key);
    const before = await copyOf(user.id);
    const goneRow = before.contents.find((c) => c.generationId === gone.id)!;
    expect(bytesIn(goneRow.ciphertext, await scan()).length).toBeGreaterThan(0);

    expect(await lib.content.deleteGenerationContent(user.id, gone.id)).toBe(true);

    expect(
      (await h.db.categorySample.findMany({ where: { userId: user.id }, select: { generationId: true } })).map(
        (s) => s.generationId,
      ),
    ).toEqual([kept.id]);
    expect(bytesIn(goneRow.ciphertext, await scan())).toEqual([]);
    expect(await readContent(user.key, gone.id)).toBeNull();
    expect(await readContent(user.key, kept.id)).toContain(kept.marker);
  });

  it("deleting one log erases its ciphertext from the files", async () => {
    const user = await loggingUser();
    const gone = await loggedRequest(user.key);
    const goneRow = (await copyOf(user.id)).contents[0]!;
    expect(bytesIn(goneRow.ciphertext, await scan()).length).toBeGreaterThan(0);
    await lib.activity.deleteGenerationLog(user.id, gone.id);
    expect(bytesIn(goneRow.ciphertext, await scan())).toEqual([]);
  });

  it("deleting all activity deletes the content key too", async () => {
    const user = await loggingUser();
    await loggedRequest(user.key);
    const before = await copyOf(user.id);
    await lib.activity.deleteAllActivity(user.id);
    expect(await h.db.contentKey.count({ where: { userId: user.id } })).toBe(0);
    const files = await scan();
    expect(bytesIn(before.contents[0]!.ciphertext, files)).toEqual([]);
    expect(bytesIn(before.contentKey!.wrapped, files)).toEqual([]);
    expect(openedWithMasterKey(before.contents)).toEqual([]);
  });
});

describe("the purge", () => {
  it("deletes content past its retention with its linked sample, and erases it from the files", async () => {
    const user = await loggingUser({ contentRetentionDays: 1 });
    await loggedRequest(user.key);
    const before = await copyOf(user.id);
    expect(await h.db.categorySample.count({ where: { userId: user.id } })).toBe(1);
    expect(bytesIn(before.contents[0]!.ciphertext, await scan()).length).toBeGreaterThan(0);
    const vacuumsBefore = h.dialect === "postgresql" ? await vacuumCount("GenerationContent") : 0;

    const result = await lib.purge.purgeExclusively({ now: new Date(Date.now() + 2 * 86_400_000), shouldWait: true });

    expect(result).toMatchObject({ expiredContent: 1, linkedSamples: 1 });
    expect(await h.db.generationContent.count({ where: { userId: user.id } })).toBe(0);
    expect(await h.db.categorySample.count({ where: { userId: user.id } })).toBe(0);
    expect(bytesIn(before.contents[0]!.ciphertext, await scan())).toEqual([]);
    if (h.dialect === "postgresql")
      await expect.poll(() => vacuumCount("GenerationContent"), { timeout: 10_000 }).toBeGreaterThan(vacuumsBefore);
  });
});

/** Runs `privet …` on the harness's database with this environment (a variable set to undefined is left out). */
function cli(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(process.cwd(), "bin", "privet.mjs"), ...args],
      { encoding: "utf8", env: merged },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

// These run last: they change the master key for the rest of the file.
describe("master keys", () => {
  it("content from before content keys stays readable, and is moved under the account's content key", async () => {
    const user = await loggingUser();
    const req = await loggedRequest(user.key);
    await h.flush();
    // Rewrite the stored item the way Privet stored content before content keys: under the master key.
    const plain = (await lib.content.findGenerationContent(user.id, req.id))!;
    const legacy = lib.crypto.sealWithMasterKey(JSON.stringify(plain), req.id, user.id);
    await h.db.generationContent.update({
      where: { generationId: req.id },
      data: {
        keyId: legacy.keyId,
        iv: new Uint8Array(legacy.iv),
        ciphertext: new Uint8Array(legacy.ciphertext),
        tag: new Uint8Array(legacy.tag),
      },
    });
    expect(await readContent(user.key, req.id)).toContain(req.marker);

    const result = await lib.keys.upgradeContentEncryption();

    expect(result.reencryptedContent).toBeGreaterThanOrEqual(1);
    const row = await h.db.generationContent.findUniqueOrThrow({ where: { generationId: req.id } });
    expect(row.keyId).toBe((await h.db.contentKey.findUniqueOrThrow({ where: { userId: user.id } })).id);
    expect(await readContent(user.key, req.id)).toContain(req.marker);
  });

  it("a rotation re-wraps content keys (privet keys rewrap) without re-encrypting content, which the new key alone then reads", async () => {
    const user = await loggingUser();
    const req = await loggedRequest(user.key);
    const before = await copyOf(user.id);
    const oldSecret = process.env.PRIVET_ENCRYPTION_KEY!;
    const newSecret = `rotated-${hex()}`;

    // Without the old key to unwrap with, nothing is re-wrapped and the command says why.
    const refused = await cli(["keys", "rewrap"], {
      PRIVET_ENCRYPTION_KEY: newSecret,
      PRIVET_ENCRYPTION_KEY_PREVIOUS: undefined,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/PRIVET_ENCRYPTION_KEY_PREVIOUS/);
    expect((await h.db.contentKey.findUniqueOrThrow({ where: { userId: user.id } })).wrapKeyId).toBe(
      before.contentKey!.wrapKeyId,
    );

    const done = await cli(["keys", "rewrap"], {
      PRIVET_ENCRYPTION_KEY: newSecret,
      PRIVET_ENCRYPTION_KEY_PREVIOUS: oldSecret,
    });
    expect(done.stderr).toBe("");
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/re-wrapped \d+ content keys? .*nothing left under a previous key/);

    const after = await copyOf(user.id);
    expect(after.contentKey!.id).toBe(before.contentKey!.id);
    expect(after.contentKey!.wrapKeyId).not.toBe(before.contentKey!.wrapKeyId);
    expect(Buffer.from(after.contentKey!.wrapped).equals(Buffer.from(before.contentKey!.wrapped))).toBe(false);
    // The content itself is byte for byte what it was.
    expect(
      after.contents.map((c) => [
        c.keyId,
        Buffer.from(c.iv).toString("hex"),
        Buffer.from(c.ciphertext).toString("hex"),
        Buffer.from(c.tag).toString("hex"),
      ]),
    ).toEqual(
      before.contents.map((c) => [
        c.keyId,
        Buffer.from(c.iv).toString("hex"),
        Buffer.from(c.ciphertext).toString("hex"),
        Buffer.from(c.tag).toString("hex"),
      ]),
    );

    // This process now runs on the new key alone, with no cached key to help it.
    process.env.PRIVET_ENCRYPTION_KEY = newSecret;
    delete process.env.PRIVET_ENCRYPTION_KEY_PREVIOUS;
    lib.keys.forgetContentKey(user.id);
    expect(await readContent(user.key, req.id)).toContain(req.marker);
  });
});
