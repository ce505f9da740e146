// `npm run bench:soak`: load without loss (issue 8). A production server and the mock upstream in
// child processes, like `npm run bench`, then three runs at SOAK_CONCURRENCY (16) concurrent clients:
//   1. steady: SOAK_SECONDS (120) of sustained load, the server's RSS sampled every 5 s; then an
//      orderly stop. Every request must get a non-5xx answer and leave exactly one metadata record.
//   2. SIGTERM while the load continues, halfway through SOAK_SIGNAL_SECONDS (30): every request
//      that got an HTTP response must have its record in the database once the process has exited.
//   3. SIGKILL the same way: what is lost is measured and reported (bench/soak.md says what to expect).
// The records are counted by opening the SQLite file read-only after the server has exited, and
// matched against the generation ids the clients received. Writes bench/soak-results.json and the
// results block of bench/soak.md. Numbers are reported; the exit code is 1 when a guarantee failed.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitFor } from "./bench-support";
import Database from "better-sqlite3";
import { Agent, request } from "undici";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const SIGNAL_SECONDS = Number(process.env.SOAK_SIGNAL_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const SAMPLE_EVERY_MS = 5_000;

function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return null; // the process has exited
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

// ---------------------------------------------------------------------------------------------
// One server with its own data directory
// ---------------------------------------------------------------------------------------------

type TServer = { app: ChildProcess; url: string; dataDir: string; env: NodeJS.ProcessEnv; key: string };

async function startServer(mockUrl: string): Promise<TServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-soak-"));
  const port = freePort();
  const policy = (p: Record<string, unknown>) => ({
    retainsPrompts: false,
    zdr: true,
    retentionDays: null,
    canPublish: false,
    checkedAt: "2026-06-16",
    ...p,
  });
  const catalog = {
    providers: [
      {
        slug: "soak",
        name: "Soak",
        api: "openai",
        baseUrl: `${mockUrl}/soak/v1`,
        apiKeyEnv: null,
        headquarters: "US",
        dataPolicy: policy({ training: false }),
      },
      {
        slug: "soak-trains",
        name: "Soak Trains",
        api: "openai",
        baseUrl: `${mockUrl}/soak-trains/v1`,
        apiKeyEnv: null,
        headquarters: "US",
        dataPolicy: policy({ training: true, zdr: false, retainsPrompts: true }),
      },
    ],
    models: [
      {
        id: "soak/echo",
        name: "Soak Echo",
        contextLength: 8192,
        endpoints: [
          {
            provider: "soak",
            upstreamModel: "echo",
            pricing: { prompt: 1, completion: 2 },
            quantization: "fp16",
            supportedParameters: ["temperature", "max_tokens"],
          },
        ],
      },
      {
        id: "soak/trains",
        name: "Soak Trains",
        contextLength: 8192,
        endpoints: [{ provider: "soak-trains", upstreamModel: "echo", pricing: { prompt: 1, completion: 2 } }],
      },
    ],
  };
  fs.writeFileSync(path.join(dataDir, "catalog.json"), JSON.stringify(catalog));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PRIVET_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "privet.db")}`,
    PRIVET_CATALOG: path.join(dataDir, "catalog.json"),
    PRIVET_SAMPLE_RATE: "0",
  };
  const app = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/v1/models`);
  const cli = (args: string[]) =>
    execFileSync(process.execPath, ["bin/privet.mjs", ...args], { cwd: root, env, encoding: "utf8" }).trim();
  cli(["user", "create", "--email", "soak@example.com", "--password", "soak-benchmark-password"]);
  const key = cli(["key", "create", "--email", "soak@example.com"]);
  return { app, url, dataDir, env, key };
}

/** Generation rows and their ids, read from the database file after the server has exited. */
function recordedIds(dataDir: string): Set<string> {
  const db = new Database(path.join(dataDir, "privet.db"), { readonly: true, fileMustExist: true });
  try {
    return new Set((db.prepare("SELECT id FROM Generation").all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------

type TTally = {
  /** Requests that got an HTTP response (a status line). */
  answered: number;
  byStatus: Record<string, number>;
  /** Requests that got no response at all (connection refused or reset), by error code. */
  unanswered: Record<string, number>;
  /** Responses that broke off after their headers (a stream cut by the shutdown). */
  cutShort: number;
  ids: Set<string>;
  /** Answered without a generation id: a bug for chat requests. */
  missingIds: number;
};

// The request mix: mostly plain and streamed completions, plus refusals that must be recorded too.
const BODIES: string[] = [
  ...Array<string>(14).fill(
    JSON.stringify({ model: "soak/echo", messages: [{ role: "user", content: "Say hello." }] }),
  ),
  ...Array<string>(4).fill(
    JSON.stringify({ model: "soak/echo", stream: true, messages: [{ role: "user", content: "Say hello." }] }),
  ),
  JSON.stringify({ model: "soak/echo", messages: [{ role: "user", content: "Hi" }], temperature: "hot" }), // 400
  JSON.stringify({ model: "soak/trains", messages: [{ role: "user", content: "Hi" }] }), // 404: the only endpoint trains
];

async function drive(server: TServer, until: () => boolean, onSample: (t: number) => void): Promise<TTally> {
  const tally: TTally = { answered: 0, byStatus: {}, unanswered: {}, cutShort: 0, ids: new Set(), missingIds: 0 };
  const agent = new Agent({ connections: CONCURRENCY, keepAliveTimeout: 30_000, pipelining: 1 });
  const url = `${server.url}/api/v1/chat/completions`;
  const headers = { authorization: `Bearer ${server.key}`, "content-type": "application/json" };
  let sent = 0;
  let isServerGone = false;
  const started = Date.now();
  const sampler = setInterval(() => onSample((Date.now() - started) / 1000), SAMPLE_EVERY_MS);
  onSample(0);

  async function worker(): Promise<void> {
    while (!until() && !isServerGone) {
      const body = BODIES[sent++ % BODIES.length]!;
      let res: Awaited<ReturnType<typeof request>>;
      try {
        res = await request(url, { method: "POST", headers, body, dispatcher: agent });
      } catch (error) {
        const code = (error as { code?: string }).code ?? "error";
        tally.unanswered[code] = (tally.unanswered[code] ?? 0) + 1;
        if (code === "ECONNREFUSED") isServerGone = true;
        continue;
      }
      tally.answered += 1;
      tally.byStatus[res.statusCode] = (tally.byStatus[res.statusCode] ?? 0) + 1;
      const id = res.headers["x-privet-generation-id"];
      if (typeof id === "string") tally.ids.add(id);
      else tally.missingIds += 1;
      try {
        await res.body.dump({ limit: 1 << 20 });
      } catch {
        tally.cutShort += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(sampler);
  await agent.close().catch(() => undefined);
  return tally;
}

/** How many records the database holds, and how many answered requests have none. */
function compare(tally: TTally, ids: Set<string>) {
  let answeredNotRecorded = 0;
  for (const id of tally.ids) if (!ids.has(id)) answeredNotRecorded += 1;
  return { records: ids.size, answeredNotRecorded };
}

const fiveXx = (t: TTally) =>
  Object.entries(t.byStatus)
    .filter(([s]) => Number(s) >= 500)
    .reduce((n, [, c]) => n + c, 0);

// ---------------------------------------------------------------------------------------------

async function main() {
  const mockPort = freePort();
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  const children: ChildProcess[] = [];
  process.on("exit", () => children.forEach((c) => c.exitCode === null && c.kill("SIGKILL")));
  children.push(
    spawn(process.execPath, ["--import", "tsx", "scripts/mock-upstream.ts", "--port", String(mockPort)], {
      cwd: root,
      stdio: "ignore",
    }),
  );
  await waitFor(`${mockUrl}/__mock/calls`);
  console.log(
    `[soak] ${CONCURRENCY} clients; steady run ${SOAK_SECONDS} s, then SIGTERM and SIGKILL runs of ${SIGNAL_SECONDS} s`,
  );

  // 1. Steady load, then an orderly stop.
  const steadyServer = await startServer(mockUrl);
  children.push(steadyServer.app);
  const rss: { t: number; mb: number }[] = [];
  const steadyEnd = Date.now() + SOAK_SECONDS * 1000;
  const steady = await drive(
    steadyServer,
    () => Date.now() >= steadyEnd,
    (t) => {
      const mb = rssMb(steadyServer.app.pid!);
      if (mb !== null) rss.push({ t: Math.round(t), mb: Math.round(mb * 10) / 10 });
    },
  );
  steadyServer.app.kill("SIGTERM");
  const steadyExit = await exited(steadyServer.app);
  const steadyRecords = compare(steady, recordedIds(steadyServer.dataDir));

  // 2. SIGTERM halfway through, while the clients keep sending.
  async function signalRun(signal: NodeJS.Signals) {
    const server = await startServer(mockUrl);
    children.push(server.app);
    const end = Date.now() + SIGNAL_SECONDS * 1000;
    const timer = setTimeout(() => server.app.kill(signal), (SIGNAL_SECONDS * 1000) / 2);
    const exit = exited(server.app);
    const tally = await drive(
      server,
      () => Date.now() >= end,
      () => undefined,
    );
    clearTimeout(timer);
    const status = await exit;
    return { tally, exit: status, records: compare(tally, recordedIds(server.dataDir)), dataDir: server.dataDir };
  }
  const term = await signalRun("SIGTERM");
  const kill = await signalRun("SIGKILL");

  // Memory: the first minute is warm-up (JIT, pools, caches); after it RSS should stay level.
  const warm = rss.filter((s) => s.t >= Math.min(60, SOAK_SECONDS / 2));
  const firstWarm = warm[0]?.mb ?? 0;
  const lastWarm = warm.at(-1)?.mb ?? 0;
  const peak = Math.max(...rss.map((s) => s.mb));

  const summary = (t: TTally) => ({
    answered: t.answered,
    by_status: t.byStatus,
    unanswered: t.unanswered,
    cut_short_after_headers: t.cutShort,
    answered_without_generation_id: t.missingIds,
    gateway_5xx: fiveXx(t),
  });
  const results = {
    measured_at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version },
    concurrency: CONCURRENCY,
    steady: {
      seconds: SOAK_SECONDS,
      requests_per_second: Math.round(steady.answered / SOAK_SECONDS),
      ...summary(steady),
      records: steadyRecords.records,
      answered_not_recorded: steadyRecords.answeredNotRecorded,
      exit: steadyExit,
      rss_mb: rss,
      rss_mb_after_warmup: {
        first: firstWarm,
        last: lastWarm,
        change_percent: firstWarm ? Math.round(((lastWarm - firstWarm) / firstWarm) * 1000) / 10 : null,
      },
      rss_mb_peak: peak,
    },
    sigterm: {
      seconds: SIGNAL_SECONDS,
      signal_at_second: SIGNAL_SECONDS / 2,
      ...summary(term.tally),
      records: term.records.records,
      answered_not_recorded: term.records.answeredNotRecorded,
      exit: term.exit,
    },
    sigkill: {
      seconds: SIGNAL_SECONDS,
      signal_at_second: SIGNAL_SECONDS / 2,
      ...summary(kill.tally),
      records: kill.records.records,
      answered_not_recorded: kill.records.answeredNotRecorded,
      exit: kill.exit,
    },
  };

  const checks = [
    { name: "steady: no 5xx from the gateway", ok: results.steady.gateway_5xx === 0 },
    {
      name: "steady: every request answered",
      ok: Object.keys(steady.unanswered).length === 0 && steady.cutShort === 0,
    },
    {
      name: "steady: records = requests sent",
      ok:
        steadyRecords.records === steady.answered && steadyRecords.answeredNotRecorded === 0 && steady.missingIds === 0,
    },
    { name: "steady: RSS level after warm-up (within 25 %)", ok: firstWarm > 0 && lastWarm <= firstWarm * 1.25 },
    { name: "SIGTERM: clean exit", ok: term.exit.code === 0 },
    {
      name: "SIGTERM: records = requests answered",
      ok: term.records.records === term.tally.answered && term.records.answeredNotRecorded === 0,
    },
    { name: "SIGTERM: no 5xx from the gateway", ok: results.sigterm.gateway_5xx === 0 },
  ];
  Object.assign(results, { checks });
  fs.mkdirSync(path.join(root, "bench"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "soak-results.json"), JSON.stringify(results, null, 2) + "\n");

  const f = (n: number) => n.toLocaleString("en");
  const rows = [
    [
      "Steady load",
      `${SOAK_SECONDS} s`,
      `${f(steady.answered)} (${f(results.steady.requests_per_second)}/s)`,
      statusText(steady.byStatus),
      f(steadyRecords.records),
      String(steadyRecords.answeredNotRecorded),
    ],
    [
      "SIGTERM at half time",
      `${SIGNAL_SECONDS} s`,
      f(term.tally.answered),
      statusText(term.tally.byStatus),
      f(term.records.records),
      String(term.records.answeredNotRecorded),
    ],
    [
      "SIGKILL at half time",
      `${SIGNAL_SECONDS} s`,
      f(kill.tally.answered),
      statusText(kill.tally.byStatus),
      f(kill.records.records),
      String(kill.records.answeredNotRecorded),
    ],
  ];
  const table = [
    "| run | length | requests answered | by status | metadata records | answered, not recorded |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  const rssTable = [
    "| second | " + rss.map((s) => s.t).join(" | ") + " |",
    "|---|" + rss.map(() => "---").join("|") + "|",
    "| RSS (MB) | " + rss.map((s) => s.mb.toFixed(0)).join(" | ") + " |",
  ].join("\n");
  const checkList = checks.map((c) => `- ${c.ok ? "✔" : "✖"} ${c.name}`).join("\n");
  const block =
    `<!-- results -->\nMeasured ${results.measured_at} on ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}, ${CONCURRENCY} concurrent clients. ` +
    `Requests without any response in the signal runs (the server had stopped listening): SIGTERM ${JSON.stringify(term.tally.unanswered)}, SIGKILL ${JSON.stringify(kill.tally.unanswered)}.\n\n` +
    `${table}\n\nServer RSS during the steady run (sampled every 5 s; after warm-up ${firstWarm.toFixed(0)} → ${lastWarm.toFixed(0)} MB, peak ${peak.toFixed(0)} MB):\n\n${rssTable}\n\n${checkList}\n<!-- /results -->`;
  const doc = path.join(root, "bench", "soak.md");
  const previous = fs.existsSync(doc) ? fs.readFileSync(doc, "utf8") : "# Soak\n";
  const marker = /<!-- results -->[\s\S]*<!-- \/results -->/;
  fs.writeFileSync(doc, marker.test(previous) ? previous.replace(marker, block) : `${previous}\n${block}\n`);
  console.log(`\n${table}\n\n${rssTable}\n\n${checkList}\n`);

  for (const dir of [steadyServer.dataDir, term.dataDir, kill.dataDir])
    fs.rmSync(dir, { recursive: true, force: true });
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
}

function statusText(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}: ${n.toLocaleString("en")}`)
    .join(", ");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
