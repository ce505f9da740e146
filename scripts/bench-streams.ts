// `npm run bench:streams`: thousands of long streams held open at once through Privet. The mock
// upstream (its own process) streams a chunk every BENCH_CHUNK_MS for BENCH_STREAM_SECONDS, each
// chunk stamped with its send time on the machine's monotonic clock (knob stampPieces), which this
// process reads too; BENCH_STREAMS streams are opened over BENCH_RAMP_SECONDS, with metadata on, and
// a share of them (BENCH_ABORT_SHARE) abandoned half-way by the client. The same load runs first
// straight to the mock (the floor of every latency figure: kernel, mock and this client), then
// through Privet. Writes bench/streams-results.json and the table in bench/streams.md. Numbers are
// reported, never asserted. PRIVET_WORKERS is passed through to Privet.
//
// Only /api/v1 is called, which never loads Next.js (ARCHITECTURE.md), so Privet is started against
// an empty build directory marked current rather than after a `next build`.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createHistogram, type RecordableHistogram } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import {
  createBenchKey,
  freePort,
  memoryKb,
  numberFrom,
  startFloorProxy,
  waitFor,
  writeBenchCatalog,
} from "./bench-support";
import type { TBenchStats } from "@/lib/server/bench-stats";
import { sourceFingerprint } from "@/lib/server/build";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const requested = Math.floor(numberFrom("BENCH_STREAMS", 5000, 0));
const streamSeconds = numberFrom("BENCH_STREAM_SECONDS", 30, 0);
const chunkMs = numberFrom("BENCH_CHUNK_MS", 50, 0);
const rampSeconds = numberFrom("BENCH_RAMP_SECONDS", 5, 0);
const abortShare = numberFrom("BENCH_ABORT_SHARE", 0.05, 0);
const workers = Math.floor(numberFrom("PRIVET_WORKERS", 1, 0));
const isDirectRun = process.env.BENCH_DIRECT !== "0";
const isFloorRun = process.env.BENCH_FLOOR !== "0";
const outName = process.env.BENCH_OUT ?? "streams";

// ---------------------------------------------------------------------------------------------
// File descriptors: Privet holds two per stream (client and upstream), the mock and this process
// one each. Node cannot raise its own limit, so the benchmark re-runs itself under a shell that
// raises the soft limit to the hard one; every child inherits it.
// ---------------------------------------------------------------------------------------------

function openFileLimits(): { soft: number; hard: number } {
  const line = fs
    .readFileSync("/proc/self/limits", "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  const [soft, hard] = (line ?? "").split(/\s{2,}/).slice(1, 3);
  const parse = (v: string | undefined) => (v === "unlimited" ? Number.MAX_SAFE_INTEGER : Number(v ?? 1024));
  return { soft: parse(soft), hard: parse(hard) };
}

const FD_HEADROOM = 512;
const fdsNeeded = (n: number) => 2 * n + FD_HEADROOM;

function raiseLimitOrCap(): number {
  const limits = openFileLimits();
  if (limits.soft < fdsNeeded(requested) && limits.hard > limits.soft && !process.env.BENCH_STREAMS_RAISED) {
    const raised = Math.min(limits.hard, 1_048_576);
    const child = spawn(
      "/bin/sh",
      [
        "-c",
        'ulimit -n "$0" && exec "$@"',
        String(raised),
        process.execPath,
        ...process.execArgv,
        ...process.argv.slice(1),
      ],
      { stdio: "inherit", env: { ...process.env, BENCH_STREAMS_RAISED: "1" } },
    );
    child.on("exit", (code) => process.exit(code ?? 1));
    return -1;
  }
  const n = Math.min(requested, Math.floor((limits.soft - FD_HEADROOM) / 2));
  if (n < requested)
    console.log(`open-file limit ${limits.soft} (hard ${limits.hard}): ${n} streams instead of ${requested}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Processes: /proc for CPU time and memory, the bench-stats files for the event loop.
// ---------------------------------------------------------------------------------------------

const TICKS_PER_SECOND = 100;
const CLOCK_US = () => Number(process.hrtime.bigint() / 1000n);

type TCpu = { user: number; system: number };

/** CPU time (µs) of `pids`, in user space and in the kernel. */
function cpuUs(pids: number[]): TCpu {
  const total = { user: 0, system: 0 };
  for (const pid of pids) {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    total.user += (Number(fields[11]) * 1e6) / TICKS_PER_SECOND;
    total.system += (Number(fields[12]) * 1e6) / TICKS_PER_SECOND;
  }
  return total;
}

/** The Privet process and, with workers, every worker (children of the primary). */
function privetPids(primary: number): number[] {
  const children = fs.existsSync(`/proc/${primary}/task/${primary}/children`)
    ? fs.readFileSync(`/proc/${primary}/task/${primary}/children`, "utf8").trim().split(/\s+/).filter(Boolean)
    : [];
  return [primary, ...children.map(Number)];
}

function readStats(dir: string): TBenchStats[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as TBenchStats);
}

// ---------------------------------------------------------------------------------------------
// The client: one plain HTTP request per stream, each line scanned for the mock's stamps.
// ---------------------------------------------------------------------------------------------

type TRun = {
  started: number;
  completed: number;
  aborted: number;
  failed: number;
  /**
   * Streams that got no answer at all (the connection refused or reset before a status line, e.g. a
   * full accept queue during the ramp; or abandoned while still waiting for it), by error code.
   * Privet may never have seen them.
   */
  unanswered: Record<string, number>;
  chunks: number;
  /** Chunks received inside the measuring window. */
  windowChunks: number;
  /** µs from the mock writing a chunk to this process reading it. */
  chunkLatency: RecordableHistogram;
  /** The same, for chunks read inside the measuring window (every stream open, none starting). */
  windowLatency: RecordableHistogram;
  /** µs from sending the request to reading the first content chunk. */
  ttft: RecordableHistogram;
};

const CONTENT = '"content":"';

function openStream(
  run: TRun,
  url: string,
  headers: Record<string, string>,
  body: string,
  abortAfterMs: number | null,
  inWindow: () => boolean,
  done: () => void,
): void {
  const sent = CLOCK_US();
  let seenFirst = false;
  let tail = "";
  let isFinished = false;
  const finish = (outcome: "completed" | "aborted" | "failed") => {
    if (isFinished) return;
    isFinished = true;
    run[outcome] += 1;
    done();
  };
  run.started += 1;
  let isAnswered = false;
  const req = http.request(url, { method: "POST", agent: false, headers }, (res) => {
    isAnswered = true;
    if (res.statusCode !== 200) {
      res.resume();
      finish("failed");
      return;
    }
    res.setEncoding("utf8");
    res.on("data", (text: string) => {
      const now = CLOCK_US();
      const all = tail + text;
      const cut = all.lastIndexOf("\n");
      if (cut === -1) {
        tail = all;
        return;
      }
      tail = all.slice(cut + 1);
      let at = all.indexOf(CONTENT);
      while (at !== -1 && at < cut) {
        let i = at + CONTENT.length;
        while (all.charCodeAt(i) === 32) i++;
        let stamp = 0;
        let digits = 0;
        for (let c = all.charCodeAt(i); c >= 48 && c <= 57; c = all.charCodeAt(++i)) {
          stamp = stamp * 10 + (c - 48);
          digits++;
        }
        if (digits > 0) {
          run.chunks += 1;
          const latency = Math.max(1, now - stamp);
          run.chunkLatency.record(latency);
          if (inWindow()) {
            run.windowChunks += 1;
            run.windowLatency.record(latency);
          }
          if (!seenFirst) {
            seenFirst = true;
            run.ttft.record(Math.max(1, now - sent));
          }
        }
        at = all.indexOf(CONTENT, i);
      }
    });
    res.on("end", () => finish("completed"));
    res.on("error", () => finish(isFinished ? "aborted" : "failed"));
  });
  req.on("error", (error: NodeJS.ErrnoException) => {
    if (!isAnswered && !isFinished) {
      const code = error.code ?? "error";
      run.unanswered[code] = (run.unanswered[code] ?? 0) + 1;
    }
    finish("failed");
  });
  if (abortAfterMs !== null)
    setTimeout(() => {
      if (isFinished) return;
      // Abandoned while still waiting for the status line (a request held in a full accept queue):
      // Privet may never have read it.
      if (!isAnswered)
        run.unanswered["abandoned before any answer"] = (run.unanswered["abandoned before any answer"] ?? 0) + 1;
      finish("aborted");
      req.destroy();
    }, abortAfterMs);
  req.end(body);
}

type TWindowHooks = { onWindowStart(): void; onWindowEnd(): void };

/** Opens `n` streams over the ramp, runs the window between the ramp's end and the first stream's end. */
async function runStreams(
  n: number,
  url: string,
  headers: Record<string, string>,
  body: string,
  hooks: TWindowHooks,
): Promise<TRun & { windowSeconds: number }> {
  const run: TRun = {
    started: 0,
    completed: 0,
    aborted: 0,
    failed: 0,
    unanswered: {},
    chunks: 0,
    windowChunks: 0,
    chunkLatency: createHistogram(),
    windowLatency: createHistogram(),
    ttft: createHistogram(),
  };
  let isInWindow = false;
  let open = 0;
  let resolveAll: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (resolveAll = resolve));
  const done = () => {
    open -= 1;
    if (open === 0 && run.started === n) resolveAll();
  };
  const streamMs = streamSeconds * 1000;
  // An abandoned stream goes three quarters of the way.
  const abortAtMs = streamMs * 0.75;
  const abortEvery = abortShare > 0 ? Math.max(1, Math.round(1 / abortShare)) : 0;
  const rampMs = rampSeconds * 1000;
  const start = Date.now();
  for (let i = 0; i < n; i++) {
    const due = start + (i * rampMs) / n;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const isAborted = abortEvery > 0 && i % abortEvery === abortEvery - 1;
    open += 1;
    openStream(run, url, headers, body, isAborted ? abortAtMs : null, () => isInWindow, done);
  }
  // Every stream is open from the ramp's end until the first one ends (or is abandoned).
  const windowStart = start + rampMs + 1000;
  const windowEnd = start + (abortEvery > 0 ? abortAtMs : streamMs) - 500;
  const hasWindow = windowEnd - windowStart >= 1000;
  let windowSeconds = 0;
  if (hasWindow) {
    await new Promise((r) => setTimeout(r, windowStart - Date.now()));
    hooks.onWindowStart();
    isInWindow = true;
    const opened = Date.now();
    await new Promise((r) => setTimeout(r, windowEnd - Date.now()));
    isInWindow = false;
    windowSeconds = (Date.now() - opened) / 1000;
    hooks.onWindowEnd();
  }
  await allDone;
  return { ...run, windowSeconds };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const n = raiseLimitOrCap();
  if (n < 0) return;
  const chunksPerStream = Math.max(2, Math.round((streamSeconds * 1000) / chunkMs));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-bench-streams-"));
  const statsDir = path.join(dataDir, "stats");
  fs.mkdirSync(statsDir);
  const mockPort = freePort();
  const appPort = freePort();
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  const catalogFile = writeBenchCatalog(dataDir, mockUrl);
  const dbFile = path.join(dataDir, "privet.db");
  const distName = `.next-bench-streams-${process.pid}`;
  const dist = path.join(root, distName);
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, "BUILD_ID"), "api-only");
  fs.writeFileSync(path.join(dist, "privet-build-fingerprint"), sourceFingerprint(root));
  const env = {
    ...process.env,
    PORT: String(appPort),
    HOST: "127.0.0.1",
    PRIVET_DATA_DIR: dataDir,
    DATABASE_URL: `file:${dbFile}`,
    PRIVET_CATALOG: catalogFile,
    PRIVET_WORKERS: String(workers),
    PRIVET_BENCH_STATS_DIR: statsDir,
    // The default total timeout (10 min) is far above a stream's length; the drain is not measured.
    PRIVET_DRAIN_SECONDS: "0",
    // One account holds every stream: the bench measures capacity, not fair sharing between accounts.
    PRIVET_MAX_CONCURRENT_PER_ACCOUNT: "0",
    PRIVET_MAX_CONCURRENT_PER_PROVIDER: "0",
    PRIVET_DIST_DIR: distName,
    NODE_ENV: "production" as const,
  };

  const children: ChildProcess[] = [];
  const stop = () => {
    children.forEach((c) => c.kill("SIGTERM"));
    fs.rmSync(dist, { recursive: true, force: true });
  };
  process.on("exit", stop);
  children.push(
    spawn(
      process.execPath,
      ["--import", "tsx", "scripts/mock-upstream.ts", "--port", String(mockPort), "--max-calls", "10"],
      { cwd: root, stdio: "ignore" },
    ),
  );
  // BENCH_PRIVET_NODE_ARGS: extra Node flags for Privet alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_PRIVET_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const app: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  children.push(app);
  await waitFor(`${mockUrl}/__mock/calls`);
  await waitFor(`http://127.0.0.1:${appPort}/api/v1/models`);

  const reply = Array.from({ length: chunksPerStream }, () => "@t").join(" ");
  const knobs = await fetch(`${mockUrl}/__mock/providers/bench`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ reply, tokensPerSecond: 1000 / chunkMs, stampPieces: true }),
  });
  if (!knobs.ok) throw new Error(`the mock refused its knobs (${knobs.status})`);

  const key = createBenchKey(env);

  const json = { "content-type": "application/json" };
  const auth = { ...json, authorization: `Bearer ${key}` };
  const privetUrl = `http://127.0.0.1:${appPort}/api/v1/chat/completions`;
  const directUrl = `${mockUrl}/bench/v1/chat/completions`;
  const messages = [{ role: "user", content: "Tell me a long story." }];
  const privetBody = JSON.stringify({ model: "bench/echo", stream: true, messages });
  const directBody = JSON.stringify({ model: "echo", stream: true, messages });

  // Warm-up: JIT, the upstream pool, caches (short streams: the same knobs at full speed would take
  // the whole stream time, so the warm-up uses a provider-wide reset afterwards).
  const warm = await fetch(`${mockUrl}/__mock/providers/bench`, {
    method: "PUT",
    headers: json,
    body: JSON.stringify({ tokensPerSecond: 0 }),
  });
  if (!warm.ok) throw new Error("the mock refused the warm-up knobs");
  for (let i = 0; i < 50; i++) {
    const res = await fetch(privetUrl, { method: "POST", headers: auth, body: privetBody });
    await res.text();
  }
  await fetch(`${mockUrl}/__mock/providers/bench`, {
    method: "PUT",
    headers: json,
    body: JSON.stringify({ tokensPerSecond: 1000 / chunkMs }),
  });
  const recordsBefore = (await waitForRecords(dbFile, 50)).total;

  /** One run against `url`, with the CPU time and memory of `pids` over its window. */
  async function measured(pids: number[], url: string, headers: Record<string, string>, body: string) {
    const rss = () => pids.reduce((sum, pid) => sum + memoryKb(pid, "VmRSS"), 0);
    const idleRssKb = rss();
    let atStart: TCpu = { user: 0, system: 0 };
    const m = { cpu: { user: 0, system: 0 }, plateauRssKb: 0, idleRssKb, stats: [] as TBenchStats[] };
    const run = await runStreams(n, url, headers, body, {
      onWindowStart() {
        if (pids.length > 0) for (const stats of readStats(statsDir)) process.kill(stats.pid, "SIGUSR2");
        atStart = cpuUs(pids);
      },
      onWindowEnd() {
        const now = cpuUs(pids);
        m.cpu = { user: now.user - atStart.user, system: now.system - atStart.system };
        m.plateauRssKb = rss();
        m.stats = readStats(statsDir);
      },
    });
    const perChunk = (us: number) => (run.windowChunks > 0 ? us / run.windowChunks : NaN);
    return {
      run,
      ...m,
      cpuPerChunk: {
        total: perChunk(m.cpu.user + m.cpu.system),
        user: perChunk(m.cpu.user),
        system: perChunk(m.cpu.system),
      },
      cores: run.windowSeconds > 0 ? (m.cpu.user + m.cpu.system) / 1e6 / run.windowSeconds : NaN,
    };
  }

  const direct = isDirectRun ? (await measured([], directUrl, json, directBody)).run : null;
  let floor: Awaited<ReturnType<typeof measured>> | null = null;
  if (isFloorRun) {
    const floorPort = freePort();
    const proxy = startFloorProxy(floorPort, directUrl);
    children.push(proxy);
    await new Promise((r) => setTimeout(r, 500));
    floor = await measured([proxy.pid!], `http://127.0.0.1:${floorPort}/`, json, directBody);
    proxy.kill("SIGTERM");
  }

  const pids = privetPids(app.pid!);
  const measuredPrivet = await measured(pids, privetUrl, auth, privetBody);
  const privet = measuredPrivet.run;
  const { idleRssKb, plateauRssKb, stats: windowStats } = measuredPrivet;
  const peakRssKb = pids.reduce((sum, pid) => sum + memoryKb(pid, "VmHWM"), 0);
  const records = await waitForRecords(dbFile, recordsBefore + privet.started);
  const written = records.total - recordsBefore;

  const ms = (h: RecordableHistogram, p: number) => (h.count === 0 ? NaN : h.percentile(p) / 1000);
  const latencies = (run: TRun) => ({
    window_chunk_latency_ms: { p50: ms(run.windowLatency, 50), p99: ms(run.windowLatency, 99) },
    chunk_latency_ms: { p50: ms(run.chunkLatency, 50), p99: ms(run.chunkLatency, 99) },
    ttft_ms: { p50: ms(run.ttft, 50), p99: ms(run.ttft, 99) },
  });
  const loopP50 = Math.max(...windowStats.map((s) => s.loopDelayMs.p50));
  const loopP99 = Math.max(...windowStats.map((s) => s.loopDelayMs.p99));
  const results = {
    measured_at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "unknown", node: process.version },
    parameters: {
      streams: n,
      requested_streams: requested,
      stream_seconds: streamSeconds,
      chunk_ms: chunkMs,
      ramp_seconds: rampSeconds,
      abort_share: abortShare,
      workers,
    },
    direct: direct && {
      completed: direct.completed,
      aborted: direct.aborted,
      failed: direct.failed,
      ...latencies(direct),
    },
    privet: {
      started: privet.started,
      completed: privet.completed,
      aborted: privet.aborted,
      failed: privet.failed,
      chunks: privet.chunks,
      ...latencies(privet),
      window_seconds: privet.windowSeconds,
      window_chunks: privet.windowChunks,
    },
    added_chunk_latency_ms: direct
      ? {
          p50: ms(privet.windowLatency, 50) - ms(direct.windowLatency, 50),
          p99: ms(privet.windowLatency, 99) - ms(direct.windowLatency, 99),
        }
      : null,
    added_ttft_ms: direct
      ? { p50: ms(privet.ttft, 50) - ms(direct.ttft, 50), p99: ms(privet.ttft, 99) - ms(direct.ttft, 99) }
      : null,
    event_loop_delay_ms: { p50: loopP50, p99: loopP99 },
    cpu_us_per_chunk: measuredPrivet.cpuPerChunk,
    cpu_cores_in_window: measuredPrivet.cores,
    floor: floor && {
      ...latencies(floor.run),
      cpu_us_per_chunk: floor.cpuPerChunk,
      cpu_cores_in_window: floor.cores,
      plateau_rss_mb: floor.plateauRssKb / 1024,
    },
    idle_rss_mb: idleRssKb / 1024,
    plateau_rss_mb: plateauRssKb / 1024,
    peak_rss_mb: peakRssKb / 1024,
    rss_kb_per_stream: (plateauRssKb - idleRssKb) / n,
    // The warm-up's records were all successes.
    records: {
      started: privet.started,
      unanswered: privet.unanswered,
      written,
      by_status: { ...records.byStatus, success: (records.byStatus.success ?? 0) - recordsBefore },
    },
    targets: {
      peak_rss_mb_at_5000: 600,
      added_chunk_latency_ms_p99: 5,
      event_loop_delay_ms_p99: 20,
      lost_records: 0,
    },
  };
  fs.writeFileSync(path.join(root, "bench", `${outName}-results.json`), JSON.stringify(results, null, 2) + "\n");
  writeTable(results);
  // A stream Privet refused or broke measures nothing: say so loudly rather than in one table cell.
  if (privet.failed > 0) console.error(`warning: ${privet.failed} of ${privet.started} streams through Privet failed`);
  stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}

type TRecordCount = { total: number; byStatus: Record<string, number> };

function countRecords(dbFile: string): TRecordCount {
  const raw = new Database(dbFile, { readonly: true, fileMustExist: true });
  raw.pragma("busy_timeout = 5000");
  try {
    const rows = raw.prepare(`SELECT "status" AS status, count(*) AS n FROM "Generation" GROUP BY "status"`).all() as {
      status: string;
      n: number;
    }[];
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    return { total: rows.reduce((sum, r) => sum + r.n, 0), byStatus };
  } finally {
    raw.close();
  }
}

/** Polls until `expected` records are written, or the count has stopped moving for 10 s. */
async function waitForRecords(dbFile: string, expected: number): Promise<TRecordCount> {
  let last = countRecords(dbFile);
  let stableSince = Date.now();
  while (last.total < expected && Date.now() - stableSince < 10_000) {
    await new Promise((r) => setTimeout(r, 250));
    const next = countRecords(dbFile);
    if (next.total !== last.total) stableSince = Date.now();
    last = next;
  }
  return last;
}

type TPercentiles = { p50: number; p99: number };
type TLatencies = {
  window_chunk_latency_ms: TPercentiles;
  chunk_latency_ms: TPercentiles;
  ttft_ms: TPercentiles;
};

type TResults = {
  measured_at: string;
  machine: { cpus: number; model: string; node: string };
  parameters: Record<string, number>;
  direct: TLatencies | null;
  privet: {
    started: number;
    completed: number;
    aborted: number;
    failed: number;
  } & TLatencies;
  added_chunk_latency_ms: { p50: number; p99: number } | null;
  added_ttft_ms: TPercentiles | null;
  event_loop_delay_ms: { p50: number; p99: number };
  cpu_us_per_chunk: { total: number; user: number; system: number };
  cpu_cores_in_window: number;
  floor:
    | (TLatencies & {
        cpu_us_per_chunk: { total: number; user: number; system: number };
        cpu_cores_in_window: number;
        plateau_rss_mb: number;
      })
    | null;
  idle_rss_mb: number;
  plateau_rss_mb: number;
  peak_rss_mb: number;
  rss_kb_per_stream: number;
  records: {
    started: number;
    /** Streams that got no answer at all, by error code (see TRun). */
    unanswered: Record<string, number>;
    written: number;
    by_status: Record<string, number>;
  };
};

function writeTable(r: TResults): void {
  const f = (v: number | null | undefined, d = 2) =>
    v === null || v === undefined || Number.isNaN(v) ? "—" : v.toFixed(d);
  const p = r.parameters;
  // A stream that got no answer may never have reached Privet; every other one must have a record.
  const unanswered = Object.values(r.records.unanswered).reduce((sum, n) => sum + n, 0);
  const reached = r.records.started - unanswered;
  const lost = Math.max(0, reached - r.records.written);
  const noAnswer =
    unanswered === 0
      ? ""
      : `; ${unanswered} got no answer at all: ${Object.entries(r.records.unanswered)
          .map(([code, n]) => `${code} ${n}`)
          .join(", ")}`;
  const rows = [
    ["Streams open at once", `${p.streams}`, "5,000 (then 10,000)"],
    ["Peak RSS of Privet (all its processes)", `${f(r.peak_rss_mb, 0)} MB`, "≤ 600 MB at 5,000 streams"],
    [
      "RSS per open stream (plateau − idle) / streams",
      `${f(r.rss_kb_per_stream, 1)} KB (idle ${f(r.idle_rss_mb, 0)} MB, plateau ${f(r.plateau_rss_mb, 0)} MB)`,
      "—",
    ],
    [
      "Event-loop delay p50 / p99 (Privet, busiest worker)",
      `${f(r.event_loop_delay_ms.p50)} / ${f(r.event_loop_delay_ms.p99)} ms`,
      "p99 ≤ 20 ms",
    ],
    [
      "Added inter-chunk latency p50 / p99 (through Privet − direct, all streams open)",
      r.added_chunk_latency_ms
        ? `${f(r.added_chunk_latency_ms.p50)} / ${f(r.added_chunk_latency_ms.p99)} ms`
        : "— (no direct run)",
      "p99 ≤ 5 ms",
    ],
    [
      "Chunk latency mock → client p50 / p99 in the window, through Privet (direct)",
      `${f(r.privet.window_chunk_latency_ms.p50)} / ${f(r.privet.window_chunk_latency_ms.p99)} ms (${f(r.direct?.window_chunk_latency_ms.p50)} / ${f(r.direct?.window_chunk_latency_ms.p99)} ms)`,
      "—",
    ],
    [
      "The same over the whole run, ramp and ends included",
      `${f(r.privet.chunk_latency_ms.p50)} / ${f(r.privet.chunk_latency_ms.p99)} ms (${f(r.direct?.chunk_latency_ms.p50)} / ${f(r.direct?.chunk_latency_ms.p99)} ms)`,
      "—",
    ],
    [
      "CPU time per chunk (Privet, all processes)",
      `${f(r.cpu_us_per_chunk.total, 1)} µs: ${f(r.cpu_us_per_chunk.user, 1)} user + ${f(r.cpu_us_per_chunk.system, 1)} kernel (${f(r.cpu_cores_in_window)} cores busy)`,
      "—",
    ],
    [
      "The floor, a bare Node proxy: CPU time per chunk; chunk latency p50 / p99 in the window",
      r.floor
        ? `${f(r.floor.cpu_us_per_chunk.total, 1)} µs: ${f(r.floor.cpu_us_per_chunk.user, 1)} user + ${f(r.floor.cpu_us_per_chunk.system, 1)} kernel (${f(r.floor.cpu_cores_in_window)} cores); ${f(r.floor.window_chunk_latency_ms.p50)} / ${f(r.floor.window_chunk_latency_ms.p99)} ms`
        : "— (not run)",
      "—",
    ],
    [
      "Added time to first token p50 / p99, during the ramp (through Privet − direct)",
      `${f(r.added_ttft_ms?.p50)} / ${f(r.added_ttft_ms?.p99)} ms (Privet ${f(r.privet.ttft_ms.p50)} / ${f(r.privet.ttft_ms.p99)}, direct ${f(r.direct?.ttft_ms.p50)} / ${f(r.direct?.ttft_ms.p99)} ms)`,
      "—",
    ],
    [
      "Records written / streams started (less those that got no answer at all)",
      `${r.records.written} / ${reached} (${Object.entries(r.records.by_status)
        .map(([s, c]) => `${s} ${c}`)
        .join(
          ", ",
        )}; client: ${r.privet.completed} completed, ${r.privet.aborted} abandoned, ${r.privet.failed} failed${noAnswer})`,
      `0 lost (lost: ${lost})`,
    ],
  ];
  const table = [
    "| measure | measured | target |",
    "|---|---|---|",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
  const file = path.join(root, "bench", `${outName}.md`);
  const previous = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Streams benchmark\n";
  const marker = /<!-- results -->[\s\S]*<!-- \/results -->/;
  const block =
    `<!-- results -->\nMeasured ${r.measured_at} on ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}: ` +
    `${p.streams} streams (${p.requested_streams} asked for), a chunk every ${p.chunk_ms} ms for ${p.stream_seconds} s, ` +
    `opened over ${p.ramp_seconds} s, ${Math.round(p.abort_share! * 100)} % abandoned three quarters of the way, ${p.workers} worker(s).\n\n${table}\n<!-- /results -->`;
  fs.writeFileSync(file, marker.test(previous) ? previous.replace(marker, block) : `${previous}\n${block}\n`);
  console.log(`\n${table}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
