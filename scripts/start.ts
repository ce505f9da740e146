// `npm start`: prepare ./data (secrets, migrations, catalog), build when the build is missing or
// stale, then serve on HOST:PORT. `--dev` serves with Next's dev server; `--demo` also starts the
// mock upstream and loads the demo catalog so Privet can be tried without provider keys. With
// PRIVET_WORKERS > 1 (not with --dev) this process prepares ./data's secrets, then becomes the
// primary of the workers (lib/server/workers.ts), each of which runs this file again: worker 0 does
// what a single process does, the others only serve.
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import {
  dataDir,
  databaseDialect,
  databaseUrl,
  describeConfigProblems,
  findConfigProblems,
  publicBaseUrl,
  setting,
} from "@/lib/env";
import { ensureSecrets } from "@/lib/secrets";
import { logError, logInfo } from "@/lib/log";

// Process flags, set here so that every way of starting Privet (npm start, the e2e run, the
// benchmark, a container running this file) gets them. V8 lets the old generation grow to up to four
// times what survived the last full collection before it collects again; under API load what fills
// it is short-lived garbage that outlived a scavenge, and that headroom was most of the RSS
// (bench/README.md, "Where the memory goes"). Growing by half at most costs a few more full
// collections, mostly on V8's background threads. V8 reads this flag at every full collection, so
// setting it at run time works; an operator's own --heap-growing-percent (CLI or NODE_OPTIONS) wins.
const HEAP_GROWING_PERCENT = 50;
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes("heap-growing-percent"))) {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const isDev = args.has("--dev");
const isDemo = args.has("--demo");

const log = (message: string) => logInfo(message);

async function main() {
  // Every setting is checked before anything is touched: a mistyped value stops the start, listing
  // each bad variable, rather than quietly becoming its default.
  const problems = findConfigProblems();
  if (problems.length > 0) throw new Error(describeConfigProblems(problems));
  process.chdir(root);
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const host = setting("HOST");
  const port = setting("PORT");
  if (isDemo) {
    // The demo keeps its accounts and activity apart from a real install's, and the app shows its banner.
    process.env.PRIVET_DATA_DIR ||= path.join(root, "data", "demo");
    process.env.PRIVET_DEMO = "1";
    // Not even a configured database is shared with the demo: it runs on SQLite in its data directory.
    if (process.env.DATABASE_URL) {
      log("demo: DATABASE_URL is ignored; the demo's database is privet.db in its own data directory");
      delete process.env.DATABASE_URL;
    }
  }

  const dir = dataDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secrets = ensureSecrets(dir);
  process.env.AUTH_SECRET = secrets.AUTH_SECRET;
  process.env.NEXTAUTH_SECRET ??= secrets.AUTH_SECRET;
  process.env.PRIVET_ENCRYPTION_KEY = secrets.PRIVET_ENCRYPTION_KEY;
  process.env.DATABASE_URL = databaseUrl();
  process.env.NEXTAUTH_URL ??= `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;

  const workers = setting("PRIVET_WORKERS");
  if (workers > 1 && !isDev && cluster.isPrimary) {
    if (isDemo) await startDemoUpstream();
    const { runPrimary } = await import("@/lib/server/workers");
    await runPrimary(workers);
    log("stopped");
    process.exit();
  }
  // Worker 0, or the only process, prepares the database and runs the single-runner jobs.
  const workerIndex = setting("PRIVET_WORKER_INDEX");
  const isJobRunner = workerIndex === undefined || workerIndex === 0;
  if (isDemo && cluster.isPrimary) await startDemoUpstream();
  const summary = isJobRunner ? await prepare() : null;
  if (!summary) {
    const { configureDatabase } = await import("@/lib/db");
    await configureDatabase();
  }

  const { startHttpServer } = await import("@/lib/server/http-server");
  const { drain, startBackgroundJobs, shutdown } = await import("@/lib/server/lifecycle");
  const server = await startHttpServer({ dir: root, dev: isDev, host, port });
  startBackgroundJobs({ isJobRunner });
  const benchStatsDir = setting("PRIVET_BENCH_STATS_DIR");
  if (benchStatsDir) (await import("@/lib/server/bench-stats")).startBenchStats(benchStatsDir);
  log(`ready on ${server.url}`);
  if (summary) await printStartHints(summary, dir);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: draining (readiness 503) for ${setting("PRIVET_DRAIN_SECONDS")} s…`);
    await drain();
    log("finishing requests and flushing metadata…");
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, 10_000))]);
    await shutdown();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/** `--demo`: the mock upstream in this process (the primary, with workers) and the demo catalog. */
async function startDemoUpstream(): Promise<void> {
  const { startMockUpstream } = await import("./mock-upstream/server");
  // The demo's upstream writes realistic replies at a reading pace, some providers slower or failing now and then.
  const mock = await startMockUpstream({ port: setting("MOCK_UPSTREAM_PORT"), demo: true });
  log(`demo: mock upstream on ${mock.url}`);
  if (!setting("PRIVET_CATALOG")) {
    // The demo catalog names the mock's default address; point it at the port the mock really has.
    const demoCatalog = path.join(dataDir(), "demo-catalog.json");
    const text = fs.readFileSync(path.join(root, "catalog", "demo.json"), "utf8");
    fs.writeFileSync(demoCatalog, text.replaceAll("http://127.0.0.1:4010", mock.url));
    process.env.PRIVET_CATALOG = demoCatalog;
  }
}

/** Migrations, the catalog and the build (when stale): once per instance, before it serves. */
async function prepare(): Promise<{ routable: number; source: string }> {
  const { applyMigrations } = await import("@/lib/server/migrate");
  const migrated = await applyMigrations(root);
  if (!migrated.ok) {
    process.stderr.write(`${migrated.output}\n`);
    throw new Error("Applying database migrations failed.");
  }
  log(`database ready (${databaseDialect()})`);

  const { configureDatabase } = await import("@/lib/db");
  await configureDatabase();
  const { loadCatalogIntoDatabase, catalogPath } = await import("@/lib/catalog/load");
  const summary = await loadCatalogIntoDatabase(catalogPath());
  log(
    `catalog: ${summary.providers} providers, ${summary.models} models, ${summary.routable} routable endpoints (${summary.source})`,
  );

  // A fresh install has no admin: the first one is made from this machine's shell, never by the
  // first visitor to reach the sign-up page (README, "Running Privet for a team").
  const { hasAdmin } = await import("@/lib/accounts/roles");
  if (!(await hasAdmin())) {
    log(
      "no admin yet: make the first one with `npx privet user create --email you@example.com --password '…' --admin` " +
        "(or `npx privet user role --email you@example.com admin` for an existing account); admins run this Privet at /admin",
    );
  }
  const { getInstanceSettings } = await import("@/lib/instance/settings");
  const instance = await getInstanceSettings();
  log(
    `sign-up: ${instance.signupMode}${instance.isSignupModeDefault ? ` (the default for HOST=${setting("HOST")})` : ""}`,
  );

  if (!isDev) {
    const { isBuildStale, runBuild } = await import("@/lib/server/build");
    if (isBuildStale(root)) {
      log("building (the build is missing or older than the sources)…");
      await runBuild(root, { onlyIfStale: true });
    }
  }
  return summary;
}

/** After "ready": where to go, how the first account is made, and how to configure a provider when none is. */
async function printStartHints(summary: { routable: number; source: string }, dir: string): Promise<void> {
  const [{ db }, { getCatalog }, { keyVariablesByReach }, { startLines }] = await Promise.all([
    import("@/lib/db"),
    import("@/lib/catalog/store"),
    import("@/lib/catalog/build"),
    import("@/lib/server/first-run"),
  ]);
  const [accounts, catalog] = await Promise.all([db.user.count(), getCatalog()]);
  const lines = startLines({
    url: publicBaseUrl(),
    hasAccounts: accounts > 0,
    routableEndpoints: summary.routable,
    keyVariables: keyVariablesByReach(catalog.providers, catalog.models),
    isDemo,
    dataDir: path.relative(root, dir).startsWith("..") ? dir : `./${path.relative(root, dir)}`,
    catalogFile: path.relative(root, summary.source).startsWith("..")
      ? summary.source
      : path.relative(root, summary.source),
  });
  for (const line of lines) log(line);
}

main().catch((error: unknown) => {
  // Start-up errors are Privet's own (a configuration list, a failed migration): printed whole.
  logError(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
