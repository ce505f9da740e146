// `npm run bench`: what Privet adds to a request, measured against the mock upstream in the same
// run. Production build, mock upstream with zero delay in its own process, metadata recording on.
// Writes bench/results.json and the table in bench/README.md. Numbers are reported, never asserted.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitFor } from "./bench-support";
import autocannon from "autocannon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

function rssPeakKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
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
async function ttft(url: string, headers: Record<string, string>, body: string, n = 300): Promise<number> {
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
  const catalog = {
    providers: [
      {
        slug: "bench",
        name: "Bench",
        api: "openai",
        baseUrl: `${mockUrl}/bench/v1`,
        apiKeyEnv: null,
        headquarters: "US",
        dataPolicy: {
          training: false,
          retainsPrompts: false,
          zdr: true,
          retentionDays: null,
          canPublish: false,
          checkedAt: "2026-06-16",
        },
      },
    ],
    models: [
      {
        id: "bench/echo",
        name: "Bench Echo",
        contextLength: 8192,
        endpoints: [
          {
            provider: "bench",
            upstreamModel: "echo",
            pricing: { prompt: 1, completion: 2 },
            quantization: "fp16",
            supportedParameters: ["temperature", "max_tokens"],
          },
        ],
      },
    ],
  };
  fs.writeFileSync(path.join(dataDir, "catalog.json"), JSON.stringify(catalog));
  const env = {
    ...process.env,
    PORT: String(appPort),
    HOST: "127.0.0.1",
    PRIVET_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "privet.db")}`,
    PRIVET_CATALOG: path.join(dataDir, "catalog.json"),
    NODE_ENV: "production" as const,
  };

  const children: ChildProcess[] = [];
  const stop = () => children.forEach((c) => c.kill("SIGTERM"));
  process.on("exit", stop);
  children.push(
    spawn(process.execPath, ["--import", "tsx", "scripts/mock-upstream.ts", "--port", String(mockPort)], {
      cwd: root,
      stdio: "ignore",
    }),
  );
  const app: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(app);
  await waitFor(`${mockUrl}/__mock/calls`);
  await waitFor(`http://127.0.0.1:${appPort}/api/v1/models`);

  execFileSync(
    process.execPath,
    ["bin/privet.mjs", "user", "create", "--email", "bench@example.com", "--password", "benchmark-password"],
    { cwd: root, env, stdio: "ignore" },
  );
  const key = execFileSync(process.execPath, ["bin/privet.mjs", "key", "create", "--email", "bench@example.com"], {
    cwd: root,
    env,
    encoding: "utf8",
  }).trim();

  const direct = `${mockUrl}/bench/v1/chat/completions`;
  const privet = `http://127.0.0.1:${appPort}/api/v1/chat/completions`;
  const auth = { authorization: `Bearer ${key}` };
  const body = JSON.stringify({ model: "bench/echo", messages: [{ role: "user", content: "Say hello." }] });
  const directBody = JSON.stringify({ model: "echo", messages: [{ role: "user", content: "Say hello." }] });
  const streamBody = JSON.stringify({
    model: "bench/echo",
    stream: true,
    messages: [{ role: "user", content: "Say hello." }],
  });
  const directStreamBody = JSON.stringify({
    model: "echo",
    stream: true,
    messages: [{ role: "user", content: "Say hello." }],
  });

  // Warm up both paths (JIT, connection pools, caches).
  await load(direct, 4, {}, directBody, 2);
  await load(privet, 4, auth, body, 3);

  const directC1 = await load(direct, 1, {}, directBody);
  const privetC1 = await load(privet, 1, auth, body);
  const directC32 = await load(direct, 32, {}, directBody);
  const privetC32 = await load(privet, 32, auth, body);
  const ttftDirect = await ttft(direct, {}, directStreamBody);
  const ttftPrivet = await ttft(privet, auth, streamBody);
  const rssMb = rssPeakKb(app.pid!) / 1024;

  // Next.js is loaded by the first page request (lib/server/http-server.ts): the figures above are
  // an API-only process. Serve a page, then measure the API again, for a process that serves both.
  const pageStarted = performance.now();
  const page = await fetch(`http://127.0.0.1:${appPort}/sign-in`);
  await page.text();
  const firstPageMs = performance.now() - pageStarted;
  if (page.status !== 200) throw new Error(`GET /sign-in answered ${page.status}`);
  await load(privet, 4, auth, body, 3);
  const afterPageDirectC1 = await load(direct, 1, {}, directBody);
  const afterPageC1 = await load(privet, 1, auth, body);
  const afterPageC32 = await load(privet, 32, auth, body);
  const rssWithPagesMb = rssPeakKb(app.pid!) / 1024;

  const results = {
    measured_at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version },
    duration_seconds_per_run: seconds,
    direct: { c1: directC1, c32: directC32, ttft_ms_p50: ttftDirect },
    privet: { c1: privetC1, c32: privetC32, ttft_ms_p50: ttftPrivet },
    added_ms_c1: 1000 / privetC1.rps - 1000 / directC1.rps,
    p99_ms_c1: privetC1.p99,
    rps_c32: privetC32.rps,
    added_ttft_ms: ttftPrivet - ttftDirect,
    peak_rss_mb: rssMb,
    after_page: {
      first_page_ms: firstPageMs,
      direct_c1: afterPageDirectC1,
      c1: afterPageC1,
      c32: afterPageC32,
      added_ms_c1: 1000 / afterPageC1.rps - 1000 / afterPageDirectC1.rps,
      peak_rss_mb: rssWithPagesMb,
    },
    targets: { added_ms_c1: 0.5, rps_c32: 4000, added_ttft_ms: 1, peak_rss_mb: 300 },
  };
  fs.mkdirSync(path.join(root, "bench"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");

  const f = (n: number, d = 2) => n.toFixed(d);
  const rows = [
    ["Added time per request, concurrency 1 (1/rps − direct)", `${f(results.added_ms_c1, 3)} ms`, "≤ 0.5 ms"],
    ["p99 latency through Privet, concurrency 1", `${f(results.p99_ms_c1)} ms`, "—"],
    [
      "Requests per second, concurrency 32",
      `${f(results.rps_c32, 0)} req/s (direct: ${f(directC32.rps, 0)})`,
      "≥ 4,000 req/s",
    ],
    ["Added time to first token, streaming (p50)", `${f(results.added_ttft_ms, 3)} ms`, "≤ 1 ms"],
    ["Peak RSS of the Privet process (API only; Next.js not loaded yet)", `${f(rssMb, 0)} MB`, "≤ 300 MB"],
    ["Then: first page request (loads Next.js)", `${f(firstPageMs, 0)} ms`, "—"],
    ["After that page: added time per request, concurrency 1", `${f(results.after_page.added_ms_c1, 3)} ms`, "—"],
    ["After that page: requests per second, concurrency 32", `${f(afterPageC32.rps, 0)} req/s`, "—"],
    ["After that page: peak RSS", `${f(rssWithPagesMb, 0)} MB`, "—"],
  ];
  const table = ["| measure | measured | target |", "|---|---|---|", ...rows.map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );
  const readme = path.join(root, "bench", "README.md");
  const previous = fs.existsSync(readme) ? fs.readFileSync(readme, "utf8") : "";
  const marker = /<!-- results -->[\s\S]*<!-- \/results -->/;
  const block = `<!-- results -->\nMeasured ${results.measured_at} on ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}, ${seconds} s per run; errors: ${privetC1.errors + privetC32.errors + afterPageC1.errors + afterPageC32.errors}, non-2xx: ${privetC1.non2xx + privetC32.non2xx + afterPageC1.non2xx + afterPageC32.non2xx}.\n\n${table}\n<!-- /results -->`;
  fs.writeFileSync(readme, marker.test(previous) ? previous.replace(marker, block) : `${previous}\n${block}\n`);
  console.log(`\n${table}\n`);
  stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
