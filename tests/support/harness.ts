// Integration harness: a throw-away SQLite database with the real migrations, the real mock
// upstream over HTTP, the catalog from e2e/fixtures, and the real /api/v1 handler (with the
// operator's /healthz, /readyz and /metrics, and metrics and traces as the env configures them) on a free port.
// Each vitest file runs in its own process, so the environment set here is that file's alone.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { createTestDatabase } from "@/tests/support/database";

export type THarness = Awaited<ReturnType<typeof startHarness>>;

/**
 * Extra upstream addresses a test catalog may use besides the mock's own URL:
 * - `proxyUrl`: the mock behind a TCP proxy that counts open connections (`h.proxy`), to observe
 *   whether Privet closed its upstream connection (an aborted call) — use a provider slug that no
 *   other test routes to, so the proxy sees only that provider's connections;
 * - `refusedUrl`: a local port nothing listens on (connection refused).
 */
export type THarnessUrls = { proxyUrl: string; refusedUrl: string };

export type THarnessOptions = {
  catalog?: (mockUrl: string, urls: THarnessUrls) => unknown;
  env?: Record<string, string>;
};

/** A TCP pass-through to `port` that knows how many client connections are open right now. */
async function startCountingProxy(port: number) {
  const open = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((client) => {
    accepted += 1;
    open.add(client);
    const upstream = net.connect(port, "127.0.0.1");
    const closeBoth = () => {
      open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", closeBoth).on("close", closeBoth);
    upstream.on("error", closeBoth).on("close", closeBoth);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Connections from Privet that are still open (in use or kept alive). */
    openConnections: () => open.size,
    /** Connections accepted since the start. */
    acceptedConnections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that was free a moment ago and is closed now: connecting to it is refused. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export async function startHarness(options: THarnessOptions = {}) {
  // lib/db creates its client when first imported. A test file that imports a lib/ module
  // statically gets a client on ./data/privet.db, made before DATABASE_URL below was set: refuse
  // to run rather than touch it. Tests import lib/ modules with `await import()` after this call.
  if ((globalThis as Record<symbol, unknown>)[Symbol.for("privet.db")] !== undefined) {
    throw new Error(
      "The database client was created before startHarness(): import lib/ modules dynamically, after startHarness().",
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-it-"));
  const database = await createTestDatabase(dir);
  Object.assign(process.env, {
    PRIVET_DATA_DIR: dir,
    DATABASE_URL: database.url,
    AUTH_SECRET: "integration-test-auth-secret",
    PRIVET_ENCRYPTION_KEY: "integration-test-encryption-key",
    PRIVET_PUBLIC_URL: "http://privet.test",
    PRIVET_TIMEOUT_FIRST_BYTE_MS: "1500",
    PRIVET_TIMEOUT_TOTAL_MS: "5000",
    PRIVET_DRAIN_SECONDS: "0",
    ...options.env,
  });
  const { applyMigrations } = await import("@/lib/server/migrate");
  const migrated = await applyMigrations(process.cwd());
  if (!migrated.ok) throw new Error(migrated.output);
  const { configureDatabase, db } = await import("@/lib/db");
  await configureDatabase();

  const { startMockUpstream } = await import("@/scripts/mock-upstream/server");
  const mock = await startMockUpstream({ port: 0 });
  const proxy = await startCountingProxy(mock.port);
  const urls: THarnessUrls = { proxyUrl: proxy.url, refusedUrl: await closedPortUrl() };
  const catalogFile = path.join(dir, "catalog.json");
  fs.writeFileSync(catalogFile, JSON.stringify((options.catalog ?? e2eCatalog)(mock.url, urls)));
  const { loadCatalogIntoDatabase } = await import("@/lib/catalog/load");
  await loadCatalogIntoDatabase(catalogFile);

  const { handleApiRequest } = await import("@/lib/api/router");
  const { handleOperationsRequest, serveMetricsPort } = await import("@/lib/observability/endpoints");
  const { startObservability, stopObservability } = await import("@/lib/observability/setup");
  await startObservability({ host: "127.0.0.1", serveMetrics: serveMetricsPort });
  const server = http.createServer((req, res) => {
    if (!handleOperationsRequest(req, res, (req.url ?? "/").split("?")[0]!)) void handleApiRequest(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { createAccount } = await import("@/lib/accounts/accounts");
  const { createApiKey } = await import("@/lib/keys/api-keys");
  const { updateAccountSettings } = await import("@/lib/privacy/settings");
  const { recorder } = await import("@/lib/gateway/recorder");
  const { healthMonitor } = await import("@/lib/health/monitor");
  let counter = 0;

  async function createUser(settings: Record<string, unknown> = {}) {
    counter += 1;
    const account = await createAccount({
      email: `user${counter}-${Date.now()}@example.com`,
      password: "correct horse battery",
    });
    if (Object.keys(settings).length > 0) await updateAccountSettings(account.id, settings);
    const { key, info } = await createApiKey(account.id, "test");
    return { ...account, key, keyId: info.id };
  }

  async function chat(key: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${baseUrl}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  /**
   * A streamed chat request the client abandons once `seen` is in what arrived; resolves with the
   * generation id once its record says "cancelled". The upstream must stream slowly enough.
   * `onResponse` sees the response before its body is read (its headers, for a leak scan).
   */
  async function chatThenCancel(
    key: string,
    body: Record<string, unknown>,
    seen: string,
    onResponse?: (res: Response) => void,
  ): Promise<string> {
    const client = new AbortController();
    const res = await fetch(`${baseUrl}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ ...body, stream: true }),
      signal: client.signal,
    });
    onResponse?.(res);
    if (res.status !== 200) throw new Error(`the stream did not start (${res.status})`);
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes(seen)) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the stream ended before it could be cancelled");
      text += new TextDecoder().decode(value);
    }
    client.abort();
    await reader.read().catch(() => undefined);
    const id = res.headers.get("x-privet-generation-id")!;
    for (let i = 0; i < 250; i++) {
      const g = (await (await get(`/api/v1/generation?id=${id}`, key)).json()) as { data?: { status: string } };
      if (g.data?.status === "cancelled") return id;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("the cancelled request was not recorded as cancelled");
  }

  /** GET an /api/v1 path, with the key as Bearer when given. */
  async function get(pathAndQuery: string, key?: string) {
    return fetch(`${baseUrl}${pathAndQuery}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  }

  return {
    dir,
    /** "sqlite" or "postgresql": the database this run uses. */
    dialect: database.dialect,
    baseUrl,
    mock,
    proxy,
    urls,
    db,
    createUser,
    chat,
    chatThenCancel,
    get,
    updateSettings: updateAccountSettings,
    flush: () => recorder().flush(),
    /**
     * Forgets what routing measured (lib/health), as every test starts (tests/support/setup.ts):
     * for a test that makes one provider fail several times and is not about routing around it.
     */
    forgetHealth: () => healthMonitor().clear(),
    async close() {
      await recorder().flush();
      await stopObservability();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await proxy.close();
      await mock.close();
      await db.$disconnect();
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The limiter counts per wall-clock minute, carrying part of the previous one over. A test that
 * started in the last seconds of a minute could see its window roll over midway; waiting for the
 * next minute to begin first keeps every test inside one window. (A wait, not a timing assertion.)
 */
export async function awayFromMinuteBoundary(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
}

/**
 * One harness for the whole test file: started before its tests (then `then` runs once, for what
 * the file keeps beside it), closed after them, the mock upstream reset (knobs and recorded calls)
 * before each. Read its fields inside tests and hooks, once the harness has started.
 */
export function harnessPerFile<T extends object>(
  options: THarnessOptions,
  then: (h: THarness) => Promise<T>,
): { h: THarness } & T {
  const shared = {} as { h: THarness } & T;
  beforeAll(async () => {
    shared.h = await startHarness(options);
    Object.assign(shared, await then(shared.h));
  });
  afterAll(async () => {
    await shared.h?.close();
  });
  beforeEach(() => {
    shared.h.mock.reset();
    shared.h.mock.clearCalls();
  });
  return shared;
}

/** One harness for the whole test file (harnessPerFile), with one account: its key is `key`. */
export function sharedHarness(options: THarnessOptions = {}): { h: THarness; key: string } {
  return harnessPerFile(options, async (h) => ({ key: (await h.createUser()).key }));
}

/** The `data:` payloads of an SSE body, in order (`[DONE]` included as the string). */
export function sseData(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => line.slice("data: ".length));
}

/** The JSON chunks of an SSE body (everything but `[DONE]`). */
export function sseChunks(text: string): Record<string, unknown>[] {
  return sseData(text)
    .filter((d) => d !== "[DONE]")
    .map((d) => JSON.parse(d) as Record<string, unknown>);
}
