// `npm run bench:activity`: seeds a throw-away SQLite database with 1,000,000 metadata records for
// one account (plus other accounts' records interleaved in time), then measures the real
// lib/activity functions the page and the exports call: the first table page, filtered pages, a
// deep page, the summary cards and chart, and a CSV export of every row (rows/s and RSS growth).
// Prints measured p50/p95 next to the targets and writes bench/activity-results.json.
//
// Options: --rows N (default 1000000), --others N (other accounts, default 4), --other-rows N
// (records each, default 100000), --iterations N (default 30), --keep (keep the database).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    others: { type: "string", default: "4" },
    "other-rows": { type: "string", default: "100000" },
    iterations: { type: "string", default: "30" },
    keep: { type: "boolean", default: false },
  },
});
const ROWS = Number(args.rows);
const OTHERS = Number(args.others);
const OTHER_ROWS = Number(args["other-rows"]);
const ITERATIONS = Number(args.iterations);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-bench-activity-"));
const dbFile = path.join(dir, "privet.db");
Object.assign(process.env, {
  PRIVET_DATA_DIR: dir,
  DATABASE_URL: `file:${dbFile}`,
  AUTH_SECRET: "bench-auth-secret",
  PRIVET_ENCRYPTION_KEY: "bench-encryption-key",
});

function log(message: string) {
  process.stderr.write(`[bench:activity] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Seeding: raw SQL through better-sqlite3 (fast), in the format Prisma writes (ISO text times).
// ---------------------------------------------------------------------------------------------

const MODELS = [
  {
    id: "openai/gpt-4o-mini",
    weight: 40,
    providers: [
      ["openai", "OpenAI"],
      ["azure", "Azure"],
    ],
  },
  {
    id: "anthropic/claude-3.5-haiku",
    weight: 25,
    providers: [
      ["anthropic", "Anthropic"],
      ["bedrock", "Amazon Bedrock"],
    ],
  },
  {
    id: "meta-llama/llama-3.3-70b-instruct",
    weight: 15,
    providers: [
      ["together", "Together"],
      ["deepinfra", "DeepInfra"],
      ["groq", "Groq"],
    ],
  },
  { id: "mistralai/mistral-small", weight: 10, providers: [["mistral", "Mistral"]] },
  { id: "google/gemini-2.0-flash", weight: 7, providers: [["google-vertex", "Google Vertex"]] },
  {
    id: "qwen/qwen-2.5-72b-instruct",
    weight: 3,
    providers: [
      ["deepinfra", "DeepInfra"],
      ["together", "Together"],
    ],
  },
] as const;
const APPS = ["https://notes.example.com", "https://code.example.org", "https://bot.example.net", null, null];
const POLICY = JSON.stringify({
  training: false,
  retainsPrompts: true,
  retentionDays: 30,
  zdr: false,
  canPublish: false,
  termsUrl: "https://example.com/terms",
  privacyUrl: null,
  checkedAt: "2026-06-16",
});

function weightedModel(r: number) {
  let acc = 0;
  for (const m of MODELS) {
    acc += m.weight / 100;
    if (r < acc) return m;
  }
  return MODELS[0];
}

const toDb = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function seed(now: number) {
  const raw = new Database(dbFile);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const insertUser = raw.prepare(
    `INSERT INTO "User" ("id", "email", "passwordHash", "createdAt", "settingsUpdatedAt") VALUES (?, ?, 'x', ?, ?)`,
  );
  const insertKey = raw.prepare(
    `INSERT INTO "ApiKey" ("id", "userId", "name", "prefix", "hash", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertGen =
    raw.prepare(`INSERT INTO "Generation" ("id", "userId", "apiKeyId", "createdAt", "model", "providerSlug", "providerName", "upstreamModel", "origin",
    "appTitle", "appReferer", "userAgent", "streamed", "cancelled", "status", "httpStatus", "errorCode", "finishReason", "nativeFinishReason",
    "latencyMs", "firstTokenMs", "promptTokens", "completionTokens", "cost", "attempts", "dataPolicy", "contentStored")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench/1.0', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`);

  const users = [
    { id: "bench-target", rows: ROWS },
    ...Array.from({ length: OTHERS }, (_, i) => ({ id: `bench-other-${i + 1}`, rows: OTHER_ROWS })),
  ];
  const keys = new Map<string, string[]>();
  raw.transaction(() => {
    for (const u of users) {
      insertUser.run(u.id, `${u.id}@example.com`, toDb(now - 400 * 86_400_000), toDb(now));
      const ids = [1, 2, 3].map((k) => `${u.id}-key-${k}`);
      ids.forEach((id, k) =>
        insertKey.run(
          id,
          u.id,
          `Key ${k + 1}`,
          `sk-pv-${k}abcdefg`,
          crypto.randomBytes(16).toString("hex"),
          toDb(now - 400 * 86_400_000),
        ),
      );
      keys.set(u.id, ids);
    }
  })();

  // Every account's records over the last 365 days, interleaved in time and inserted oldest first.
  const span = 365 * 86_400_000;
  const total = users.reduce((n, u) => n + u.rows, 0);
  const owners: string[] = [];
  for (const u of users) for (let i = 0; i < u.rows; i++) owners.push(u.id);
  const times = Array.from({ length: total }, () => now - Math.floor(Math.random() * span));
  times.sort((a, b) => a - b);
  for (let i = owners.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [owners[i], owners[j]] = [owners[j]!, owners[i]!];
  }
  const BATCH = 50_000;
  for (let start = 0; start < total; start += BATCH) {
    raw.transaction(() => {
      for (let i = start; i < Math.min(total, start + BATCH); i++) {
        const userId = owners[i]!;
        const model = weightedModel(Math.random());
        const [slug, name] = model.providers[Math.floor(Math.random() * model.providers.length)]!;
        const r = Math.random();
        const status = r < 0.97 ? "success" : r < 0.995 ? "error" : "cancelled";
        const isSuccess = status === "success";
        const promptTokens = isSuccess ? 20 + Math.floor(Math.random() * 2000) : 0;
        const completionTokens = isSuccess ? 1 + Math.floor(Math.random() * 800) : 0;
        const latency = 150 + Math.floor(Math.random() * 6000);
        const ttft = Math.floor(latency * (0.1 + Math.random() * 0.3));
        const keyIds = keys.get(userId)!;
        const apiKeyId = Math.random() < 0.1 ? null : keyIds[Math.floor(Math.random() * keyIds.length)]!;
        const referer = APPS[Math.floor(Math.random() * APPS.length)] ?? null;
        insertGen.run(
          `gen-${crypto.randomBytes(15).toString("base64url")}`,
          userId,
          apiKeyId,
          toDb(times[i]!),
          model.id,
          isSuccess ? slug : null,
          isSuccess ? name : null,
          isSuccess ? model.id.split("/")[1] : null,
          apiKeyId ? "api" : "chat",
          referer ? "Bench App" : null,
          referer,
          Math.random() < 0.6 ? 1 : 0,
          status === "cancelled" ? 1 : 0,
          status,
          isSuccess ? 200 : status === "cancelled" ? 499 : 502,
          isSuccess ? null : status === "cancelled" ? "bad_request" : "upstream_failed",
          isSuccess ? (Math.random() < 0.9 ? "stop" : "length") : null,
          isSuccess ? "stop" : null,
          latency,
          isSuccess ? ttft : null,
          promptTokens,
          completionTokens,
          Math.round(((promptTokens * 0.15 + completionTokens * 0.6) / 1_000_000) * 1e10) / 1e10,
          JSON.stringify([{ provider: slug, status: isSuccess ? 200 : 502, latency_ms: latency }]),
          isSuccess ? POLICY : null,
        );
      }
    })();
    log(`seeded ${Math.min(total, start + BATCH).toLocaleString("en-US")} / ${total.toLocaleString("en-US")} records`);
  }
  raw.close();
  return users;
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function measure(name: string, fn: () => Promise<unknown>, iterations = ITERATIONS) {
  await fn(); // warm the page cache and the statement cache
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const result = { name, p50: percentile(samples, 50), p95: percentile(samples, 95), iterations };
  log(`${name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms`);
  return result;
}

async function main() {
  const now = Date.now();
  log(`database: ${dbFile}`);
  const { applyMigrations } = await import("@/lib/server/migrate");
  const migrated = await applyMigrations(root);
  if (!migrated.ok) throw new Error(migrated.output);

  const seedStarted = performance.now();
  const users = seed(now);
  const { rebuildRollupStatements } = await import("@/lib/activity/rollup");
  const raw = new Database(dbFile);
  raw.pragma("journal_mode = WAL");
  for (const u of users)
    for (const s of rebuildRollupStatements(new Date(now))) raw.prepare(s.sql).run(...(s.params(u.id) as string[]));
  raw.close();
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  log(`seeded and rolled up in ${seedSeconds.toFixed(1)} s`);

  const { configureDatabase, db } = await import("@/lib/db");
  await configureDatabase();
  const { findActivityPage } = await import("@/lib/activity/list");
  const { getActivityOverview } = await import("@/lib/activity/summary");
  const { findActivityFilterOptions } = await import("@/lib/activity/options");
  const { createActivityCsvStream } = await import("@/lib/activity/csv");
  const { DEFAULT_QUERY } = await import("@/lib/activity/query");
  const { findDailyActivity } = await import("@/lib/activity/daily");
  const userId = "bench-target";
  const q = (patch: Partial<typeof DEFAULT_QUERY>) => ({ ...DEFAULT_QUERY, ...patch });

  const results = [];
  results.push({
    ...(await measure("first table page (50 rows, newest first)", () => findActivityPage(userId, q({})))),
    target: 50,
  });
  results.push({
    ...(await measure("filtered page: model (3% of rows)", () =>
      findActivityPage(userId, q({ filters: { model: "qwen/qwen-2.5-72b-instruct" } })),
    )),
    target: 50,
  });
  results.push({
    ...(await measure("filtered page: status error (2.5%)", () =>
      findActivityPage(userId, q({ filters: { status: "error" } })),
    )),
    target: 50,
  });
  results.push({
    ...(await measure("filtered page: model + provider + last 30 days", () =>
      findActivityPage(
        userId,
        q({
          filters: {
            model: "meta-llama/llama-3.3-70b-instruct",
            provider: "groq",
            from: new Date(now - 30 * 86_400_000),
          },
        }),
      ),
    )),
    target: 50,
  });
  let deepCursor: string | null = null;
  for (let i = 0; i < 200; i++) deepCursor = (await findActivityPage(userId, q({ after: deepCursor }))).nextCursor;
  results.push({
    ...(await measure("page 201 (by cursor)", () => findActivityPage(userId, q({ after: deepCursor })))),
    target: 50,
  });
  const lastWeekByCost = q({ sort: "cost", filters: { from: new Date(now - 7 * 86_400_000) } });
  if ((await findActivityPage(userId, lastWeekByCost)).sort !== "cost")
    throw new Error("the 7-day cost sort was refused; the measure would not be one");
  results.push({
    ...(await measure("sorted by cost, last 7 days (~19k rows)", () => findActivityPage(userId, lastWeekByCost))),
    target: null,
  });
  // Near the limit of a sortable set (MAX_SORTABLE_ROWS = 50,000): the slowest sort a page allows.
  const nearLimitByCost = q({ sort: "cost", filters: { from: new Date(now - 17 * 86_400_000) } });
  if ((await findActivityPage(userId, nearLimitByCost)).sort !== "cost")
    throw new Error("the 17-day cost sort was refused; the measure would not be one");
  results.push({
    ...(await measure("sorted by cost, last 17 days (~47k rows)", () => findActivityPage(userId, nearLimitByCost))),
    target: null,
  });
  for (const range of ["hour", "day", "month", "year"] as const) {
    results.push({
      ...(await measure(`summary cards + chart: ${range}`, () =>
        getActivityOverview(userId, { range, group: "model", metric: "spend" }),
      )),
      target: 50,
    });
  }
  results.push({ ...(await measure("filter options", () => findActivityFilterOptions(userId))), target: null });
  results.push({
    ...(await measure("GET /api/v1/activity data (30 days)", () => findDailyActivity(userId))),
    target: 50,
  });

  // CSV export of every row: rows/s and the RSS growth while streaming.
  if (global.gc) global.gc();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let lines = 0;
  let bytes = 0;
  const started = performance.now();
  const reader = createActivityCsvStream(userId, {}).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = lines - 1;
  const exportResult = {
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    megabytes: bytes / 1e6,
    rssGrowthMb: (peak - rssBefore) / 1e6,
  };
  log(
    `CSV export: ${rows.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s (${Math.round(exportResult.rowsPerSecond).toLocaleString("en-US")} rows/s), RSS +${exportResult.rssGrowthMb.toFixed(0)} MB`,
  );
  if (rows !== ROWS) throw new Error(`the export held ${rows} rows, expected ${ROWS}`);

  await db.$disconnect();
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    seed: { targetRows: ROWS, otherAccounts: OTHERS, otherRows: OTHER_ROWS, seconds: seedSeconds },
    queries: results,
    export: { ...exportResult, targetRowsPerSecond: 100_000, targetRssGrowthMb: 100 },
  };
  fs.mkdirSync(path.join(root, "bench"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "activity-results.json"), JSON.stringify(report, null, 2) + "\n");

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `\nActivity benchmark — ${ROWS.toLocaleString("en-US")} records for one account, ${OTHERS} other accounts × ${OTHER_ROWS.toLocaleString("en-US")}\n`,
  );
  console.log(`${pad("measure", 50)} ${pad("p50 ms", 9)} ${pad("p95 ms", 9)} target`);
  for (const r of results) {
    const verdict = r.target === null ? "—" : `≤ ${r.target} ms p50 ${r.p50 <= r.target ? "✓" : "✗"}`;
    console.log(`${pad(r.name, 50)} ${pad(r.p50.toFixed(1), 9)} ${pad(r.p95.toFixed(1), 9)} ${verdict}`);
  }
  const e = report.export;
  console.log(
    `${pad("CSV export, all rows (rows/s)", 50)} ${pad(Math.round(e.rowsPerSecond).toLocaleString("en-US"), 19)} ≥ 100,000 rows/s ${e.rowsPerSecond >= 100_000 ? "✓" : "✗"}`,
  );
  console.log(
    `${pad("CSV export, RSS growth (MB)", 50)} ${pad(e.rssGrowthMb.toFixed(0), 19)} ≤ 100 MB ${e.rssGrowthMb <= 100 ? "✓" : "✗"}`,
  );
  console.log(`\nWritten to bench/activity-results.json`);
  if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  else log(`kept ${dbFile}`);
}

main().catch((error) => {
  console.error(error);
  if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
