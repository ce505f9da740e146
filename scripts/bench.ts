// `npm run bench`: what Privet adds to a request, measured against the mock upstream in the same
// run. Production build, mock upstream with zero delay in its own process, metadata recording on.
// In the same run and on the same mock: the floor (a bare Node proxy, bench-support.ts) and
// Portkey's open-source gateway (@portkey-ai/gateway, a dev dependency, started from its bin with
// the mock as an OpenAI-compatible custom host), and Privet again with BENCH_WORKERS workers.
// Writes bench/results.json and the tables in bench/README.md. Numbers are reported, never asserted.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  createBenchKey,
  freePort,
  memoryKb,
  numberFrom,
  startFloorProxy,
  waitFor,
  writeBenchCatalog,
} from "./bench-support";
import autocannon from "autocannon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = numberFrom("BENCH_SECONDS", 10, 1);
const ttftSamples = Math.floor(numberFrom("BENCH_TTFT_SAMPLES", 300, 1));
/** Privet is measured a second time with this many workers (PRIVET_WORKERS); 1 skips that run. */
const benchWorkers = Math.floor(numberFrom("BENCH_WORKERS", 2, 1));
/** Printed with the results, e.g. what else the machine was doing. */
const note = process.env.BENCH_NOTE?.trim() ?? "";

/** Portkey's gateway: its bin (build/start-server.js) and version, from the installed package. */
function portkeyGateway(): { bin: string; version: string } {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@portkey-ai/gateway/package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { version: string; bin: string };
  return { bin: path.join(path.dirname(manifestPath), manifest.bin), version: manifest.version };
}

type TRun = { rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function load(
  url: string,
  connections: number,
  headers: Record<string, string>,
  body: string,
  duration = seconds,
): Promise<TRun> {
  const result = await autocannon({
    url,
    connections,
    duration,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    pipelining: 1,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Time to the first SSE data line, over sequential requests; returns the median in ms. */
async function ttft(url: string, headers: Record<string, string>, body: string, n = ttftSamples): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    samples.push(
      await new Promise<number>((resolve, reject) => {
        const started = process.hrtime.bigint();
        const req = http.request(
          url,
          { method: "POST", agent, headers: { "content-type": "application/json", ...headers } },
          (res) => {
            let seen = false;
            res.on("data", (chunk: Buffer) => {
              if (!seen && chunk.includes("data:")) {
                seen = true;
                resolve(Number(process.hrtime.bigint() - started) / 1e6);
              }
            });
            res.on("end", () => (seen ? undefined : reject(new Error("no data"))));
          },
        );
        req.on("error", reject);
        req.end(body);
      }),
    );
  }
  agent.destroy();
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-bench-"));
  const mockPort = freePort();
  const appPort = freePort();
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  const catalogFile = writeBenchCatalog(dataDir, mockUrl);
  const env = {
    ...process.env,
    PORT: String(appPort),
    HOST: "127.0.0.1",
    PRIVET_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "privet.db")}`,
    PRIVET_CATALOG: catalogFile,
    PRIVET_WORKERS: "1",
    NODE_ENV: "production" as const,
  };

  const children: ChildProcess[] = [];
  const stop = () => children.forEach((c) => c.kill("SIGTERM"));
  process.on("exit", stop);
  const startPrivet = (extra: Record<string, string>) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: { ...env, ...extra },
      stdio: ["ignore", "inherit", "inherit"],
    });
    children.push(child);
    return child;
  };
  children.push(
    spawn(process.execPath, ["--import", "tsx", "scripts/mock-upstream.ts", "--port", String(mockPort)], {
      cwd: root,
      stdio: "ignore",
    }),
  );
  const app = startPrivet({});
  // The peers, on the same mock: the floor, and Portkey's gateway from its bin (headless, in
  // production mode: no console UI; it binds every interface, its default).
  const floorPort = freePort();
  const portkeyPort = freePort();
  const direct = `${mockUrl}/bench/v1/chat/completions`;
  children.push(startFloorProxy(floorPort, direct));
  const portkey = portkeyGateway();
  children.push(
    spawn(process.execPath, [portkey.bin, `--port=${portkeyPort}`, "--headless"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
      stdio: "ignore",
    }),
  );
  await waitFor(`${mockUrl}/__mock/calls`);
  await waitFor(`http://127.0.0.1:${portkeyPort}/`);
  await waitFor(`http://127.0.0.1:${floorPort}/`);
  await waitFor(`http://127.0.0.1:${appPort}/api/v1/models`);

  const key = createBenchKey(env);

  const messages = [{ role: "user", content: "Say hello." }];
  const body = JSON.stringify({ model: "bench/echo", messages });
  const directBody = JSON.stringify({ model: "echo", messages });
  const streamBody = JSON.stringify({ model: "bench/echo", stream: true, messages });
  const directStreamBody = JSON.stringify({ model: "echo", stream: true, messages });

  type TTarget = { url: string; headers: Record<string, string>; body: string; streamBody: string };
  const targets = {
    direct: { url: direct, headers: {}, body: directBody, streamBody: directStreamBody },
    privet: {
      url: `http://127.0.0.1:${appPort}/api/v1/chat/completions`,
      headers: { authorization: `Bearer ${key}` },
      body,
      streamBody,
    },
    floor: { url: `http://127.0.0.1:${floorPort}/`, headers: {}, body: directBody, streamBody: directStreamBody },
    // Portkey's OpenAI provider with the mock as its custom host; the key is passed on unread.
    portkey: {
      url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
      headers: {
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": `${mockUrl}/bench/v1`,
        authorization: "Bearer bench",
      },
      body: directBody,
      streamBody: directStreamBody,
    },
  } satisfies Record<string, TTarget>;

  /** One completion through `target`, checked: a benchmark of error answers would be worthless. */
  async function check(name: string, target: TTarget) {
    for (const payload of [target.body, target.streamBody]) {
      const res = await fetch(target.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...target.headers },
        body: payload,
      });
      const text = await res.text();
      if (res.status !== 200 || !text.includes("Hello")) throw new Error(`${name} answered ${res.status}: ${text}`);
    }
  }
  for (const [name, target] of Object.entries(targets)) await check(name, target);

  // Warm up every path (JIT, connection pools, caches).
  for (const target of Object.values(targets)) await load(target.url, 4, target.headers, target.body, 3);

  // Each measure is taken for every target in turn, so that a burst of load from elsewhere on the
  // machine spreads over all of them rather than landing on one.
  type TName = keyof typeof targets;
  const names = Object.keys(targets) as TName[];
  const c1 = {} as Record<TName, TRun>;
  const c32 = {} as Record<TName, TRun>;
  const ttftMs = {} as Record<TName, number>;
  for (const name of names) c1[name] = await load(targets[name].url, 1, targets[name].headers, targets[name].body);
  for (const name of names) c32[name] = await load(targets[name].url, 32, targets[name].headers, targets[name].body);
  for (const name of names)
    ttftMs[name] = await ttft(targets[name].url, targets[name].headers, targets[name].streamBody);
  const rssMb = memoryKb(app.pid!, "VmHWM") / 1024;
  const addedMs = (run: TRun, directRun: TRun) => 1000 / run.rps - 1000 / directRun.rps;
  const peer = (name: TName) => ({
    c1: c1[name],
    c32: c32[name],
    ttft_ms_p50: ttftMs[name],
    added_ms_c1: addedMs(c1[name], c1.direct),
    rps_c32: c32[name].rps,
    added_ttft_ms: ttftMs[name] - ttftMs.direct,
  });

  // Next.js is loaded by the first page request (lib/server/http-server.ts): the figures above are
  // an API-only process. Serve a page, then measure the API again, for a process that serves both.
  const pageStarted = performance.now();
  const page = await fetch(`http://127.0.0.1:${appPort}/sign-in`);
  await page.text();
  const firstPageMs = performance.now() - pageStarted;
  if (page.status !== 200) throw new Error(`GET /sign-in answered ${page.status}`);
  const privet = targets.privet;
  await load(privet.url, 4, privet.headers, privet.body, 3);
  const afterPageDirectC1 = await load(direct, 1, {}, directBody);
  const afterPageC1 = await load(privet.url, 1, privet.headers, privet.body);
  const afterPageC32 = await load(privet.url, 32, privet.headers, privet.body);
  const rssWithPagesMb = memoryKb(app.pid!, "VmHWM") / 1024;

  // Privet again, API only, with BENCH_WORKERS workers sharing its port (on the same database).
  let withWorkers: (ReturnType<typeof peer> & { workers: number; direct_c1: TRun }) | null = null;
  if (benchWorkers > 1) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
    startPrivet({ PRIVET_WORKERS: String(benchWorkers) });
    await waitFor(`http://127.0.0.1:${appPort}/api/v1/models`);
    await check("privet with workers", privet);
    await load(privet.url, 32, privet.headers, privet.body, 3);
    const directC1 = await load(direct, 1, {}, directBody);
    const workersC1 = await load(privet.url, 1, privet.headers, privet.body);
    const workersC32 = await load(privet.url, 32, privet.headers, privet.body);
    const directTtft = await ttft(direct, {}, directStreamBody);
    const workersTtft = await ttft(privet.url, privet.headers, privet.streamBody);
    withWorkers = {
      workers: benchWorkers,
      direct_c1: directC1,
      c1: workersC1,
      c32: workersC32,
      ttft_ms_p50: workersTtft,
      added_ms_c1: addedMs(workersC1, directC1),
      rps_c32: workersC32.rps,
      added_ttft_ms: workersTtft - directTtft,
    };
  }

  const privetFigures = peer("privet");
  const floor = peer("floor");
  const portkeyFigures = peer("portkey");
  const bestRps = Math.max(privetFigures.rps_c32, withWorkers?.rps_c32 ?? 0);
  const results = {
    measured_at: new Date().toISOString(),
    note: note || null,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version },
    duration_seconds_per_run: seconds,
    ttft_samples: ttftSamples,
    direct: { c1: c1.direct, c32: c32.direct, ttft_ms_p50: ttftMs.direct },
    privet: { c1: c1.privet, c32: c32.privet, ttft_ms_p50: ttftMs.privet },
    added_ms_c1: privetFigures.added_ms_c1,
    p99_ms_c1: c1.privet.p99,
    rps_c32: privetFigures.rps_c32,
    added_ttft_ms: privetFigures.added_ttft_ms,
    peak_rss_mb: rssMb,
    after_page: {
      first_page_ms: firstPageMs,
      direct_c1: afterPageDirectC1,
      c1: afterPageC1,
      c32: afterPageC32,
      added_ms_c1: 1000 / afterPageC1.rps - 1000 / afterPageDirectC1.rps,
      peak_rss_mb: rssWithPagesMb,
    },
    privet_workers: withWorkers,
    floor,
    portkey: { version: portkey.version, ...portkeyFigures },
    ratios: {
      added_ms_c1_vs_floor: privetFigures.added_ms_c1 / floor.added_ms_c1,
      rps_c32_vs_portkey: privetFigures.rps_c32 / portkeyFigures.rps_c32,
      rps_c32_vs_floor: privetFigures.rps_c32 / floor.rps_c32,
      workers_rps_c32_vs_portkey: withWorkers ? withWorkers.rps_c32 / portkeyFigures.rps_c32 : null,
      workers_rps_c32_vs_floor: withWorkers ? withWorkers.rps_c32 / floor.rps_c32 : null,
      best_rps_c32_vs_floor: bestRps / floor.rps_c32,
    },
    targets: {
      added_ms_c1: 0.5,
      rps_c32: 4000,
      added_ttft_ms: 1,
      peak_rss_mb: 300,
      added_ms_c1_vs_floor_at_most: 1.5,
      rps_c32_vs_portkey_at_least: 5,
      rps_c32_vs_floor_at_least_with_workers: 0.6,
    },
  };
  fs.mkdirSync(path.join(root, "bench"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");

  const f = (n: number, d = 2) => n.toFixed(d);
  const mark = (ok: boolean) => (ok ? "met" : "not met");
  const toTable = (header: string[], rows: string[][]) =>
    [
      `| ${header.join(" | ")} |`,
      `|${header.map(() => "---").join("|")}|`,
      ...rows.map((r) => `| ${r.join(" | ")} |`),
    ].join("\n");

  const workersLabel = withWorkers ? `Privet, ${withWorkers.workers} workers` : null;
  const peerColumns = [
    { label: "Privet", figures: privetFigures },
    ...(withWorkers && workersLabel ? [{ label: workersLabel, figures: withWorkers }] : []),
    { label: "bare Node proxy (the floor)", figures: floor },
    { label: `Portkey gateway ${portkey.version}`, figures: portkeyFigures },
  ];
  const r = results.ratios;
  const peers = toTable(
    ["measure", ...peerColumns.map((c) => c.label), "target for Privet"],
    [
      [
        "Added time per request, concurrency 1 (1/rps − direct)",
        ...peerColumns.map((c) => `${f(c.figures.added_ms_c1, 3)} ms`),
        "≤ 1.5 × the floor's",
      ],
      [
        "Requests per second, concurrency 32",
        ...peerColumns.map((c) => `${f(c.figures.rps_c32, 0)} req/s`),
        "≥ 5 × Portkey's; ≥ 60 % of the floor's (with workers)",
      ],
      [
        "Added time to first token, streaming (p50)",
        ...peerColumns.map((c) => `${f(c.figures.added_ttft_ms, 3)} ms`),
        "—",
      ],
    ],
  );
  const ratioRows = [
    [
      "Privet's added time at concurrency 1 ÷ the floor's",
      `${f(r.added_ms_c1_vs_floor)} ×`,
      "≤ 1.5 ×",
      mark(r.added_ms_c1_vs_floor <= 1.5),
    ],
    [
      "Privet's requests per second at concurrency 32 ÷ Portkey's",
      `${f(r.rps_c32_vs_portkey, 1)} ×` +
        (r.workers_rps_c32_vs_portkey === null ? "" : ` (${workersLabel}: ${f(r.workers_rps_c32_vs_portkey, 1)} ×)`),
      "≥ 5 ×",
      mark(r.rps_c32_vs_portkey >= 5),
    ],
    [
      "Privet's requests per second at concurrency 32 ÷ the floor's",
      `${f(r.rps_c32_vs_floor * 100, 0)} %` +
        (r.workers_rps_c32_vs_floor === null ? "" : ` (${workersLabel}: ${f(r.workers_rps_c32_vs_floor * 100, 0)} %)`),
      "≥ 60 % (with workers)",
      mark(r.best_rps_c32_vs_floor >= 0.6),
    ],
  ];
  const ratios = toTable(["ratio", "measured", "target", "status"], ratioRows);
  const rows = [
    ["Added time per request, concurrency 1 (1/rps − direct)", `${f(results.added_ms_c1, 3)} ms`, "≤ 0.5 ms"],
    ["p99 latency through Privet, concurrency 1", `${f(results.p99_ms_c1)} ms`, "—"],
    [
      "Requests per second, concurrency 32",
      `${f(results.rps_c32, 0)} req/s (direct: ${f(c32.direct.rps, 0)})`,
      "≥ 4,000 req/s",
    ],
    ["Added time to first token, streaming (p50)", `${f(results.added_ttft_ms, 3)} ms`, "≤ 1 ms"],
    ["Peak RSS of the Privet process (API only; Next.js not loaded yet)", `${f(rssMb, 0)} MB`, "≤ 300 MB"],
    ["Then: first page request (loads Next.js)", `${f(firstPageMs, 0)} ms`, "—"],
    ["After that page: added time per request, concurrency 1", `${f(results.after_page.added_ms_c1, 3)} ms`, "—"],
    ["After that page: requests per second, concurrency 32", `${f(afterPageC32.rps, 0)} req/s`, "—"],
    ["After that page: peak RSS", `${f(rssWithPagesMb, 0)} MB`, "—"],
  ];
  const table = toTable(["measure", "measured", "target"], rows);
  const runs = [
    ...Object.values(c1),
    ...Object.values(c32),
    afterPageC1,
    afterPageC32,
    ...(withWorkers ? [withWorkers.c1, withWorkers.c32] : []),
  ];
  const errors = runs.reduce((sum, run) => sum + run.errors, 0);
  const non2xx = runs.reduce((sum, run) => sum + run.non2xx, 0);
  const readme = path.join(root, "bench", "README.md");
  const previous = fs.existsSync(readme) ? fs.readFileSync(readme, "utf8") : "";
  const marker = /<!-- results -->[\s\S]*<!-- \/results -->/;
  const block =
    `<!-- results -->\nMeasured ${results.measured_at} on ${results.machine.cpus} × ${results.machine.model}, ` +
    `Node ${results.machine.node}, ${seconds} s per run, ${ttftSamples} streamed requests per time-to-first-token figure; ` +
    `errors: ${errors}, non-2xx: ${non2xx} (all targets).${note ? ` **${note}**` : ""}\n\n` +
    `Privet and its peers, same run, same mock:\n\n${peers}\n\n${ratios}\n\n` +
    `Privet alone, then after serving a page:\n\n${table}\n<!-- /results -->`;
  fs.writeFileSync(readme, marker.test(previous) ? previous.replace(marker, block) : `${previous}\n${block}\n`);
  console.log(`\n${peers}\n\n${ratios}\n\n${table}\n`);
  stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
