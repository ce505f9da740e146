// Helpers shared by the benchmark drivers: their numeric settings, a free loopback port, waiting for
// a server to answer, the one-model catalog and the account key of `npm run bench` and
// `npm run bench:streams`, a process's memory, and the floor every benchmark compares Privet with.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A numeric setting from the environment (`fallback` when unset or empty); below `min`, the run stops. */
export function numberFrom(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number of at least ${min}`);
  return n;
}

export function freePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

export async function waitFor(url: string, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${url}`);
}

/**
 * The floor: a bare Node proxy (node:http, a kept-alive agent, `pipe`) in front of the mock. Every
 * request, whatever its path, is POSTed to `target` and the answer piped back, with no parsing,
 * no authentication and no record: what relaying alone costs on this machine (for a stream, mostly
 * the kernel's: a read and a write per chunk).
 */
const FLOOR_PROXY = `
const http = require("node:http");
const [port, target] = [Number(process.argv[1]), new URL(process.argv[2])];
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
http.createServer((req, res) => {
  const up = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { "content-type": "application/json" } }, (r) => {
    res.writeHead(r.statusCode, { "content-type": r.headers["content-type"] });
    r.pipe(res);
  });
  up.on("error", () => res.destroy());
  res.on("close", () => up.destroy());
  req.pipe(up);
}).listen(port, "127.0.0.1");
`;

/** Starts the floor proxy on 127.0.0.1:`port`, forwarding to `target` (a full URL). */
export function startFloorProxy(port: number, target: string): ChildProcess {
  return spawn(process.execPath, ["-e", FLOOR_PROXY, String(port), target], { stdio: "ignore" });
}

/**
 * Writes the benchmarks' catalog into `dataDir` and returns its path: one ZDR provider, `bench`, on
 * the mock's OpenAI-compatible API at `mockUrl`, serving one model, `bench/echo` (upstream `echo`).
 */
export function writeBenchCatalog(dataDir: string, mockUrl: string): string {
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
  const file = path.join(dataDir, "catalog.json");
  fs.writeFileSync(file, JSON.stringify(catalog));
  return file;
}

/** Creates the benchmark's account with the admin CLI (on the instance `env` describes) and returns a new API key of it. */
export function createBenchKey(env: NodeJS.ProcessEnv): string {
  execFileSync(
    process.execPath,
    ["bin/privet.mjs", "user", "create", "--email", "bench@example.com", "--password", "benchmark-password"],
    { cwd: root, env, stdio: "ignore" },
  );
  return execFileSync(process.execPath, ["bin/privet.mjs", "key", "create", "--email", "bench@example.com"], {
    cwd: root,
    env,
    encoding: "utf8",
  }).trim();
}

/** A process's resident memory (`VmRSS`) or its peak (`VmHWM`), in KiB, from /proc. */
export function memoryKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}
