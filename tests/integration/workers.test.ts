// PRIVET_WORKERS=2, on SQLite (and PostgreSQL in the PostgreSQL pass): `scripts/start.ts` as an
// operator runs it, two worker processes on one port. Each request comes on a connection of its own, so the primary hands them to both workers in
// turn. Every request leaves exactly one metadata record; the per-key rate limit holds across the
// workers (counted in the primary on SQLite, in the database on PostgreSQL); /metrics answers for
// both workers, whichever accepts the scrape; the workers share endpoint health through the database; a worker that dies is started again while the other
// serves; SIGTERM drains both and the instance exits cleanly.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { ZConfig } from "@/lib/env";
import { sourceFingerprint } from "@/lib/server/build";
import { startMockUpstream, type TMockUpstream } from "@/scripts/mock-upstream/server";
import { freePort } from "@/scripts/bench-support";
import { createTestDatabase, withPostgresClient, type TTestDatabase } from "@/tests/support/database";

const LIMIT = 6;
const METRICS_TOKEN = "workers-metrics-token";
const root = process.cwd();

let mock: TMockUpstream;
let dir: string;
let dist: string;
let database: TTestDatabase;
let child: ChildProcess;
let output = "";
let baseUrl: string;
let env: NodeJS.ProcessEnv;

type TAnswer = { status: number; generationId: string | undefined; body: string };

/** One request on a connection of its own (the primary hands each new connection to the next worker). */
function post(key: string, body: unknown): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}/api/v1/chat/completions`,
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          const id = res.headers["x-privet-generation-id"];
          resolve({ status: res.statusCode ?? 0, generationId: typeof id === "string" ? id : undefined, body: text });
        });
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

function cli(args: string[]): string {
  return execFileSync(process.execPath, ["bin/privet.mjs", ...args], { cwd: root, env, encoding: "utf8" }).trim();
}

function workerPids(): number[] {
  const file = `/proc/${child.pid}/task/${child.pid}/children`;
  return fs.readFileSync(file, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

async function recordIds(expected: number): Promise<string[]> {
  const until = Date.now() + 20_000;
  const read = async (): Promise<{ id: string }[]> => {
    if (database.dialect === "postgresql")
      return withPostgresClient(
        database.url,
        async (c) => (await c.query<{ id: string }>(`SELECT "id" FROM "Generation"`)).rows,
      );
    const raw = new Database(path.join(dir, "privet.db"), { readonly: true });
    try {
      return raw.prepare(`SELECT "id" FROM "Generation"`).all() as { id: string }[];
    } finally {
      raw.close();
    }
  };
  for (;;) {
    const ids = (await read()).map((r) => r.id);
    if (ids.length >= expected || Date.now() > until) return ids;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitForOutput(pattern: RegExp, count: number): Promise<void> {
  const until = Date.now() + 120_000;
  while ((output.match(new RegExp(pattern, "g")) ?? []).length < count) {
    if (child.exitCode !== null) throw new Error(`Privet exited (${child.exitCode}):\n${output.slice(-3000)}`);
    if (Date.now() > until) throw new Error(`timed out waiting for ${pattern}:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  mock = await startMockUpstream({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-workers-"));
  database = await createTestDatabase(dir);
  fs.writeFileSync(path.join(dir, "catalog.json"), JSON.stringify(e2eCatalog(mock.url)));
  // The API never loads Next.js (ARCHITECTURE.md): an empty build directory marked current spares
  // this test a `next build`.
  const distName = `.next-test-workers-${process.pid}`;
  dist = path.join(root, distName);
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, "BUILD_ID"), "api-only");
  fs.writeFileSync(path.join(dist, "privet-build-fingerprint"), sourceFingerprint(root));

  const port = freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // Only this test's values for Privet's variables, whatever the runner's environment holds.
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(ZConfig.shape)) delete base[name];
  env = {
    ...base,
    PORT: String(port),
    HOST: "127.0.0.1",
    PRIVET_DATA_DIR: dir,
    DATABASE_URL: database.url,
    PRIVET_CATALOG: path.join(dir, "catalog.json"),
    PRIVET_DIST_DIR: distName,
    PRIVET_WORKERS: "2",
    PRIVET_RATE_LIMIT_PER_MINUTE: String(LIMIT),
    PRIVET_DRAIN_SECONDS: "1",
    PRIVET_METRICS_TOKEN: METRICS_TOKEN,
    NODE_ENV: "production",
  };
  child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForOutput(/\[privet\] ready on/, 2);
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
  await mock?.close();
  await database?.drop();
  if (dist) fs.rmSync(dist, { recursive: true, force: true });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("PRIVET_WORKERS=2", () => {
  let keyA: string;
  let keyB: string;
  const ids: string[] = [];
  /** Requests a provider answered so far (each measured by the worker that served it). */
  let served = 0;

  it("serves from two worker processes; every request leaves exactly one record", async () => {
    expect(workerPids()).toHaveLength(2);
    cli(["user", "create", "--email", "workers@example.com", "--password", "workers-password"]);
    keyA = cli(["key", "create", "--email", "workers@example.com"]);
    keyB = cli(["key", "create", "--email", "workers@example.com"]);

    const answers: TAnswer[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const stream = i % 2 === 0;
      answers.push(await post(keyA, { model: "e2e/echo", stream, messages: [{ role: "user", content: `hi ${i}` }] }));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.generationId).toBeTruthy();
    }
    served += LIMIT;
    expect(answers.filter((a) => a.body.includes("data: [DONE]"))).toHaveLength(LIMIT / 2);
    ids.push(...answers.map((a) => a.generationId!));
    const recorded = await recordIds(ids.length);
    expect(recorded.sort()).toEqual([...ids].sort());
  });

  it("holds the per-key rate limit across both workers, and records the refusals too", async () => {
    // The limit is counted per minute with the previous minute's count carried over: requests that
    // straddle a minute's end may see one more allowed. Start them well inside a minute.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 50));
    const answers: TAnswer[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) {
      answers.push(await post(keyB, { model: "e2e/echo", messages: [{ role: "user", content: `hello ${i}` }] }));
    }
    expect(answers.filter((a) => a.status === 200)).toHaveLength(LIMIT);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(LIMIT);
    served += LIMIT;
    ids.push(...answers.map((a) => a.generationId!));
    const recorded = await recordIds(ids.length);
    expect(recorded.sort()).toEqual([...ids].sort());
  });

  it("answers /metrics for both workers, whichever accepts the scrape", async () => {
    /** privet_requests_total summed over its series, from one scrape on a connection of its own. */
    const scrape = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(
          `${baseUrl}/metrics`,
          { agent: false, headers: { authorization: `Bearer ${METRICS_TOKEN}` } },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (text += chunk));
            res.on("end", () => {
              if (res.statusCode !== 200) return reject(new Error(`GET /metrics answered ${res.statusCode}`));
              const values = text
                .split("\n")
                .filter((line) => line.startsWith("privet_requests_total{"))
                .map((line) => Number(line.slice(line.lastIndexOf(" ") + 1)));
              resolve(values.reduce((sum, v) => sum + v, 0));
            });
          },
        );
        req.on("error", reject);
      });
    // Every request so far: LIMIT served, then LIMIT served and LIMIT refused.
    const scrapes = [await scrape(), await scrape(), await scrape()];
    expect(scrapes).toEqual([3 * LIMIT, 3 * LIMIT, 3 * LIMIT]);
  });

  it("shares each worker's endpoint health with the other through the database, on SQLite as on PostgreSQL", async () => {
    // Both workers served above; each writes its summary every HEALTH_SYNC_MS (5 s) and reads the other's.
    const read = async (): Promise<{ instanceId: string; attempts: number }[]> => {
      const sql = `SELECT "instanceId", "attempts" FROM "EndpointHealth"`;
      if (database.dialect === "postgresql")
        return withPostgresClient(
          database.url,
          async (c) => (await c.query<{ instanceId: string; attempts: number }>(sql)).rows,
        );
      const raw = new Database(path.join(dir, "privet.db"), { readonly: true });
      try {
        return raw.prepare(sql).all() as { instanceId: string; attempts: number }[];
      } finally {
        raw.close();
      }
    };
    const total = (list: { attempts: number }[]) => list.reduce((sum, r) => sum + r.attempts, 0);
    const until = Date.now() + 15_000;
    let rows = await read();
    while ((new Set(rows.map((r) => r.instanceId)).size < 2 || total(rows) < served) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      rows = await read();
    }
    expect(new Set(rows.map((r) => r.instanceId)).size).toBe(2);
    // Together they measured every request that reached the provider.
    expect(total(rows)).toBe(served);
  });

  it("starts a worker that died again, serving from the other meanwhile", async () => {
    const [first, second] = workerPids();
    process.kill(second!, "SIGKILL");
    // The first worker answers while the second is gone (and after it is back).
    const keyC = cli(["key", "create", "--email", "workers@example.com"]);
    for (let i = 0; i < 3; i++) {
      const answer = await post(keyC, { model: "e2e/echo", messages: [{ role: "user", content: "still there?" }] });
      expect(answer.status).toBe(200);
    }
    await waitForOutput(/\[privet\] ready on/, 3);
    const pids = workerPids();
    expect(pids).toHaveLength(2);
    expect(pids).toContain(first);
    expect(pids).not.toContain(second);
  });

  it("SIGTERM drains both workers, writes every record and exits cleanly", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect((output.match(/\[privet\] stopped/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(output).not.toMatch(/rate limit store .* failed/);
  });
});
