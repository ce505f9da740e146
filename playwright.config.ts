// End-to-end tests: a production build served by `npm start`'s own boot script on a free port,
// with a throw-away data directory and a catalog whose providers are all played by the mock upstream.
// The database is a SQLite file in that directory, or — when PRIVET_TEST_POSTGRES_URL names a
// PostgreSQL server (`npm test`'s PostgreSQL pass) — a fresh database on that server, dropped when
// the run ends.
//
// What the runner decides once and hands to the workers and specs (process.env):
//   PRIVET_E2E_BASE_URL       the app's URL (http://127.0.0.1:<PRIVET_E2E_APP_PORT>)
//   PRIVET_E2E_APP_PORT       its port (PRIVET_E2E_PORT chooses it; a free one otherwise)
//   PRIVET_E2E_MOCK_URL/_PORT the mock upstream playing every provider of the catalog
//   PRIVET_E2E_DATA_DIR       the app's data directory: secrets.json, catalog.json, the SQLite file
//   PRIVET_E2E_DATABASE_URL   the app's DATABASE_URL (file: or postgresql:), for the CLI and for
//                             specs reading the database (e2e/support/database.ts)
// A spec may start more instances on the same data directory and database with e2eAppEnv(port)
// from e2e/support/app-env.ts; PRIVET_DIST_DIR, when set, selects the build every instance serves.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { e2eCatalog } from "./e2e/fixtures/catalog";
import { e2eAppEnv } from "./e2e/support/app-env";
import { createPostgresDatabase, dropPostgresDatabase } from "./e2e/support/postgres";

function freePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

// Computed once in the runner process; workers inherit these variables.
if (!process.env.PRIVET_E2E_BASE_URL) {
  const appPort = process.env.PRIVET_E2E_PORT ? Number(process.env.PRIVET_E2E_PORT) : freePort();
  const mockPort = freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-e2e-"));
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  fs.writeFileSync(path.join(dataDir, "catalog.json"), JSON.stringify(e2eCatalog(mockUrl), null, 2));
  process.env.PRIVET_E2E_BASE_URL = `http://127.0.0.1:${appPort}`;
  process.env.PRIVET_E2E_APP_PORT = String(appPort);
  process.env.PRIVET_E2E_MOCK_URL = mockUrl;
  process.env.PRIVET_E2E_MOCK_PORT = String(mockPort);
  process.env.PRIVET_E2E_DATA_DIR = dataDir;
  const postgresServer = process.env.PRIVET_TEST_POSTGRES_URL;
  if (postgresServer) {
    const databaseUrl = createPostgresDatabase(postgresServer);
    process.env.PRIVET_E2E_DATABASE_URL = databaseUrl;
    // Dropped on the runner's exit rather than in a globalTeardown: Playwright stops the web
    // servers after the global teardown, and the app must not lose its database while it still
    // flushes metadata on SIGTERM.
    process.on("exit", () => dropPostgresDatabase(postgresServer, databaseUrl));
  } else {
    process.env.PRIVET_E2E_DATABASE_URL = `file:${path.join(dataDir, "privet.db")}`;
  }
}

const baseURL = process.env.PRIVET_E2E_BASE_URL!;
const dataDir = process.env.PRIVET_E2E_DATA_DIR!;
// Debian's headless shell when it is there (a quarter less time and CPU than the full browser for
// this suite), else Debian's chromium; PRIVET_CHROMIUM_PATH chooses another.
const chromiumPath =
  process.env.PRIVET_CHROMIUM_PATH ??
  ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((file) => fs.existsSync(file));

export default defineConfig({
  testDir: "./e2e",
  outputDir: path.join(dataDir, "test-results"),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    // Recording a trace for every test (to keep the failures') costs the browser tests about a
    // fifth of their time and a third of the browser's CPU: a failure keeps a screenshot, and
    // PRIVET_E2E_TRACE=1 records the traces when rerunning it (`npx playwright show-trace <file>`).
    trace: process.env.PRIVET_E2E_TRACE === "1" ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    // Spinners, skeletons and transitions hold still (the app honours prefers-reduced-motion): a
    // fifth less time and CPU for the browser tests, which assert no motion (the one test about
    // motion sets the preference itself).
    reducedMotion: "reduce",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "api", testMatch: /.*\.api\.spec\.ts/ },
    { name: "chromium", testMatch: /.*\.ui\.spec\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: [
    {
      command: `node --import tsx scripts/mock-upstream.ts --port ${process.env.PRIVET_E2E_MOCK_PORT}`,
      url: `${process.env.PRIVET_E2E_MOCK_URL}/__mock/calls`,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node --import tsx scripts/start.ts",
      url: `${baseURL}/sign-in`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      stderr: "pipe",
      env: e2eAppEnv(process.env.PRIVET_E2E_APP_PORT!),
    },
  ],
});
