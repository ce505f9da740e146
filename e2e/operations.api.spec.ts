// An instance behind a load balancer (issue 21), started the way an operator starts it
// (`scripts/start.ts`, on the e2e data directory and database, with a drain of a few seconds):
// /healthz and /readyz answer; on SIGTERM /readyz turns 503 naming the drain while the socket still
// accepts requests, then the process stops; /metrics needs its token.
import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eAppEnv, freePort } from "./support/app-env";

const DRAIN_SECONDS = 3;
const TOKEN = "e2e-metrics-token";

let child: ChildProcess;
let url: string;
let output = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      ...e2eAppEnv(port),
      PRIVET_DRAIN_SECONDS: String(DRAIN_SECONDS),
      PRIVET_METRICS_TOKEN: TOKEN,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  process.once("exit", () => child.kill("SIGKILL"));
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => {
      if (output.includes("[privet] ready on")) resolve();
    });
    child.once("exit", (code) =>
      reject(new Error(`the instance exited (${code}) before it was ready:\n${output.slice(-3000)}`)),
    );
  });
});

test.afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
});

test("health, readiness and the metrics token; on SIGTERM readiness turns 503 before the socket closes", async () => {
  test.setTimeout(60_000);
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  const ready = await fetch(`${url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });
  expect((await fetch(`${url}/metrics`)).status).toBe(401);
  const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toContain("privet_open_streams");

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  // Draining: not ready, yet still serving (a load balancer's health check sees the 503 and stops
  // sending traffic; requests it still sends are answered).
  await expect
    .poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: DRAIN_SECONDS * 1000, intervals: [50] })
    .toBe(503);
  const draining = await fetch(`${url}/readyz`);
  expect(await draining.json()).toEqual({ status: "not ready", failing: ["draining"] });
  expect((await fetch(`${url}/api/v1/models`)).status).toBe(200);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);

  expect(await exited).toBe(0);
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  expect(output).toContain("draining (readiness 503)");
});
