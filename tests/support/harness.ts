// Integration harness: a throw-away SQLite database with the real migrations, the real mock
// upstream over HTTP, the catalog from e2e/fixtures, and the real /api/v1 handler on a free port.
// Each vitest file runs in its own process, so the environment set here is that file's alone.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { e2eCatalog } from "@/e2e/fixtures/catalog";

export type THarness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(options: { catalog?: (mockUrl: string) => unknown; env?: Record<string, string> } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-it-"));
  Object.assign(process.env, {
    PRIVET_DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "privet.db")}`,
    AUTH_SECRET: "integration-test-auth-secret",
    PRIVET_ENCRYPTION_KEY: "integration-test-encryption-key",
    PRIVET_PUBLIC_URL: "http://privet.test",
    PRIVET_TIMEOUT_FIRST_BYTE_MS: "1500",
    PRIVET_TIMEOUT_TOTAL_MS: "5000",
    ...options.env,
  });
  const { applyMigrations } = await import("@/lib/server/migrate");
  const migrated = applyMigrations(process.cwd());
  if (!migrated.ok) throw new Error(migrated.output);
  const { configureDatabase, db } = await import("@/lib/db");
  await configureDatabase();

  const { startMockUpstream } = await import("@/scripts/mock-upstream/server");
  const mock = await startMockUpstream({ port: 0 });
  const catalogFile = path.join(dir, "catalog.json");
  fs.writeFileSync(catalogFile, JSON.stringify((options.catalog ?? e2eCatalog)(mock.url)));
  const { loadCatalogIntoDatabase } = await import("@/lib/catalog/load");
  await loadCatalogIntoDatabase(catalogFile);

  const { handleApiRequest } = await import("@/lib/api/router");
  const server = http.createServer((req, res) => void handleApiRequest(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { createAccount } = await import("@/lib/accounts/accounts");
  const { createApiKey } = await import("@/lib/keys/api-keys");
  const { updateAccountSettings } = await import("@/lib/privacy/settings");
  const { recorder } = await import("@/lib/gateway/recorder");
  let counter = 0;

  async function createUser(settings: Record<string, unknown> = {}) {
    counter += 1;
    const account = await createAccount({ email: `user${counter}-${Date.now()}@example.com`, password: "correct horse battery" });
    if (Object.keys(settings).length > 0) await updateAccountSettings(account.id, settings);
    const { key } = await createApiKey(account.id, "test");
    return { ...account, key };
  }

  async function chat(key: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${baseUrl}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  return {
    dir,
    baseUrl,
    mock,
    db,
    createUser,
    chat,
    updateSettings: updateAccountSettings,
    flush: () => recorder().flush(),
    async close() {
      await recorder().flush();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await mock.close();
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
