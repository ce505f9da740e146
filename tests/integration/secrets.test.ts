// Secrets (issue 8, "Isolation and secrets"): API keys and passwords never appear in plain text in
// the database files, anything the process printed, an error body, a response header, what the
// admin CLI printed (apart from `key create` handing over the new key, its one job) or an export.
// The secrets here are markers: a password with a unique string in it, the API keys Privet made
// (their secret part: the first 14 characters are kept on purpose, to tell keys apart), and wrong
// keys with a marker inside. They are looked for as raw bytes, UTF-16, hex and base64.
import crypto from "node:crypto";
import path from "node:path";
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";
import { capturePrinted, findInFiles, formsIn, readFilesUnder } from "@/tests/support/leak-scan";
import { databaseEntryNames, markServerLog, readDatabase, type TServerLog } from "@/tests/support/database-scan";

let h: THarness;
/** PostgreSQL: the server log, from where it stood when this file started. */
let serverLog: TServerLog | null = null;
let printed: ReturnType<typeof capturePrinted>;

const hex = () => crypto.randomBytes(6).toString("hex");
const PASSWORD = `PVTPASS${hex()} horse battery`;
const CLI_PASSWORD = `PVTCLIPASS${hex()} staple`;
const WRONG_PASSWORD = `PVTWRONGPASS${hex()}`;
/** A well-formed key that no account has, and a malformed one: both must stay out of everything. */
const WRONG_KEY = `sk-pv-PVTWRONGKEY${hex()}${"A".repeat(43 - 11 - 12)}`;
const MALFORMED_KEY = `PVTMALFORMED${hex()}`;
/** The part of an API key Privet never keeps (the first 14 characters are its visible prefix). */
const secretPart = (key: string) => key.slice(14);

/** Every response text (bodies and headers) the tests received, for the final sweep. */
const responses: string[] = [];
/** What the CLI printed, apart from `key create`'s stdout (the new key, by design). */
const cliOutput: string[] = [];
/** Exports the app can make at this point. */
const exports: { name: string; text: string }[] = [];
const keys: string[] = [];

async function keep(res: Response): Promise<Response> {
  const text = await res.clone().text();
  responses.push(`${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${text}`);
  return res;
}

/** Runs `privet …` on the harness's database (its environment is this process's). Asynchronous, so the server here keeps serving. */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(process.cwd(), "bin", "privet.mjs"), ...args],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

let email: string;
let userId: string;
let key: string;

beforeAll(async () => {
  h = await startHarness();
  if (h.dialect === "postgresql") serverLog = await markServerLog(process.env.DATABASE_URL!);
  printed = capturePrinted();
  const { createAccount } = await import("@/lib/accounts/accounts");
  const { createApiKey } = await import("@/lib/keys/api-keys");
  email = `secrets-${hex()}@example.com`;
  const account = await createAccount({ email, password: PASSWORD });
  userId = account.id;
  key = (await createApiKey(account.id, "marker key")).key;
  keys.push(key);
});
afterAll(async () => {
  printed?.restore();
  await h?.close();
});

describe("using the secrets", () => {
  it("the key works on success and failure paths, and is never sent to a provider", async () => {
    const hello = [{ role: "user", content: "hello" }];
    expect((await keep(await h.chat(key, { model: "e2e/echo", messages: hello }))).status).toBe(200);
    const streamed = await keep(await h.chat(key, { model: "e2e/echo", messages: hello, stream: true }));
    expect(streamed.status).toBe(200);
    expect((await keep(await h.chat(key, { model: "e2e/echo", messages: hello, temperature: "hot" }))).status).toBe(
      400,
    );
    expect((await keep(await h.chat(key, { model: "nope/nothing", messages: hello }))).status).toBe(404);
    expect((await keep(await h.chat(key, "{not json"))).status).toBe(400);
    h.mock.setProvider("e2e-retain", { failure: "500" });
    expect(
      (await keep(await h.chat(key, { model: "e2e/echo", messages: hello, provider: { allow_fallbacks: false } })))
        .status,
    ).toBe(502);
    h.mock.setProvider("e2e-retain", { failure: null });
    for (const p of [
      "/api/v1/key",
      "/api/v1/activity",
      `/api/v1/generation?id=${streamed.headers.get("x-privet-generation-id")}`,
      "/api/v1/generation?id=gen-nope",
    ]) {
      await keep(await h.get(p, key));
    }
    // Providers get the operator's provider key (none here), never the client's Privet key.
    expect(h.mock.calls().length).toBeGreaterThan(0);
    for (const call of h.mock.calls()) expect(JSON.stringify(call)).not.toContain(secretPart(key));
  });

  it("wrong keys with a marker inside get a 401 that does not repeat them", async () => {
    for (const header of [
      `Bearer ${WRONG_KEY}`,
      `Bearer ${MALFORMED_KEY}`,
      MALFORMED_KEY,
      `Bearer ${WRONG_KEY} ${MALFORMED_KEY}`,
    ]) {
      for (const res of [
        await h.chat("", { model: "e2e/echo", messages: [{ role: "user", content: "hi" }] }, { authorization: header }),
        await fetch(`${h.baseUrl}/api/v1/key`, { headers: { authorization: header } }),
      ]) {
        await keep(res);
        expect(res.status).toBe(401);
      }
    }
  });

  it("signing in with the right and a wrong password prints and stores neither", async () => {
    const { authOptions } = await import("@/lib/auth/next-auth");
    const authorize = (
      authOptions.providers[0] as unknown as {
        options: { authorize: (c: Record<string, string>, r: unknown) => Promise<unknown> };
      }
    ).options.authorize;
    const headers = { headers: { "x-forwarded-for": "192.0.2.10" } };
    expect(await authorize({ email, password: PASSWORD }, headers)).toMatchObject({ id: userId });
    expect(await authorize({ email, password: WRONG_PASSWORD }, headers)).toBeNull();
    expect(await authorize({ email: `nobody-${hex()}@example.com`, password: WRONG_PASSWORD }, headers)).toBeNull();
  });

  it("the password is stored as an argon2id hash, and the key only as an HMAC and its visible prefix", async () => {
    const user = await h.db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const row = await h.db.apiKey.findFirstOrThrow({ where: { userId }, select: { hash: true, prefix: true } });
    expect(row.prefix).toBe(key.slice(0, 14));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("the admin CLI", () => {
  it(
    "user create and key create print no password; key create prints the key alone, once, on stdout",
    { timeout: 120_000 },
    async () => {
      const cliEmail = `cli-${hex()}@example.com`;
      const created = await cli(["user", "create", "--email", cliEmail, "--password", CLI_PASSWORD]);
      expect(created.status, created.stderr).toBe(0);
      expect(created.stdout.trim()).toBe(`created user ${cliEmail}`);
      cliOutput.push(created.stdout, created.stderr);

      // Failures with the password on the command line do not repeat it either.
      for (const args of [
        ["user", "create", "--email", cliEmail, "--password", CLI_PASSWORD], // exists already
        ["user", "create", "--email", "not-an-email", "--password", CLI_PASSWORD],
        ["user", "create", "--email", cliEmail, "--password", CLI_PASSWORD, "--pasword", CLI_PASSWORD],
      ]) {
        const failed = await cli(args);
        expect(failed.status).not.toBe(0);
        cliOutput.push(failed.stdout, failed.stderr);
      }

      const made = await cli(["key", "create", "--email", cliEmail, "--name", "cli marker key"]);
      expect(made.status, made.stderr).toBe(0);
      const cliKey = made.stdout.trim();
      expect(cliKey).toMatch(/^sk-pv-[A-Za-z0-9_-]{43}$/);
      cliOutput.push(made.stderr);
      keys.push(cliKey);
      expect(
        (await keep(await h.chat(cliKey, { model: "e2e/echo", messages: [{ role: "user", content: "from the cli" }] })))
          .status,
      ).toBe(200);
    },
  );
});

describe("exports", () => {
  async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
    return new Response(stream).text();
  }

  it("the account export (JSON) and the activity export (CSV) hold no key and no password", async () => {
    await h.flush();
    const account = await import("@/lib/accounts/export").catch(() => null);
    if (account) exports.push({ name: "account export", text: await read(account.createAccountExportStream(userId)) });
    const csv = await import("@/lib/activity/csv").catch(() => null);
    const query = await import("@/lib/activity/query").catch(() => null);
    if (csv && query)
      exports.push({
        name: "activity CSV",
        text: await read(csv.createActivityCsvStream(userId, query.parseActivityQuery(new URLSearchParams()).filters)),
      });
    // Both exist in this tree; if one is removed, the sweep below still covers the other.
    expect(exports.map((e) => e.name)).toEqual(["account export", "activity CSV"]);
    // The exports are about this account: its key's visible prefix is there, the rest is not.
    expect(exports[0]!.text).toContain(key.slice(0, 14));
  });
});

describe("after all of it", () => {
  it("no password and no key is in a data file, a response, a printed line, CLI output or an export", async () => {
    await h.flush();
    // A control that must be found proves the scan sees what was written: the key's name.
    // On PostgreSQL the database is read through SQL, with the server's log (tests/support/database-scan.ts).
    const files = [...readFilesUnder(h.dir), ...(await readDatabase(h.dialect, serverLog))];
    expect(files.map((f) => f.file)).toEqual(
      expect.arrayContaining(databaseEntryNames(h.dialect, ["User", "ApiKey", "Generation"])),
    );
    expect(findInFiles("cli marker key", files).length).toBeGreaterThan(0);

    const secrets: [string, string][] = [
      ["password", PASSWORD],
      ["CLI password", CLI_PASSWORD],
      ["wrong password", WRONG_PASSWORD],
      ["wrong key", WRONG_KEY],
      ["malformed key", MALFORMED_KEY],
      ...keys.map((k, i): [string, string] => [`API key ${i + 1}`, secretPart(k)]),
    ];
    const texts: [string, string][] = [
      ...responses.map((t, i): [string, string] => [`response ${i + 1}`, t]),
      ...cliOutput.map((t, i): [string, string] => [`CLI output ${i + 1}`, t]),
      ...exports.map((e): [string, string] => [e.name, e.text]),
      ["printed output", printed.text()],
    ];
    expect(responses.length).toBeGreaterThan(15);
    for (const [name, secret] of secrets) {
      expect(findInFiles(secret, files), `${name} in the data files`).toEqual([]);
      for (const [where, text] of texts) expect(formsIn(secret, text), `${name} in ${where}`).toEqual([]);
    }
    // The words around the markers, too: a secret cut short is still a leak.
    expect(printed.text()).not.toMatch(/PVT(PASS|CLIPASS|WRONG|MALFORMED)/);
  });
});
