#!/usr/bin/env node
// `npm test`: lint, typecheck, unit and integration tests (vitest), then the end-to-end tests
// (Playwright) against a production build, all on SQLite. When PRIVET_TEST_POSTGRES_URL names a
// PostgreSQL server whose user may create databases, vitest and Playwright run again on PostgreSQL
// (each test process and the e2e server get a fresh database there; the build is reused, since
// DATABASE_URL picks the database at run time). Independent stages run side by side (see `steps`
// below); each runner prints its own closing summary; the first failing stage stops the run with a
// non-zero exit.
//
//   node scripts/test.mjs                      every stage (the PostgreSQL pass only with the variable)
//   node scripts/test.mjs <stage-prefix>       the stages whose name starts with the prefix
//   node scripts/test.mjs --postgres [prefix]  the PostgreSQL pass alone (build, vitest, playwright)
//   node scripts/test.mjs --sqlite [prefix]    the SQLite stages alone
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };
delete env.FORCE_COLOR;
const postgresUrl = env.PRIVET_TEST_POSTGRES_URL;
// The SQLite stages must not see the variable: tests/support/database.ts and playwright.config.ts
// choose PostgreSQL by it.
delete env.PRIVET_TEST_POSTGRES_URL;

const args = process.argv.slice(2);
const pass = args.includes("--postgres") ? "postgresql" : args.includes("--sqlite") ? "sqlite" : "both";
const only = args.find((a) => !a.startsWith("--"));

if (pass === "postgresql" && !postgresUrl) {
  console.error(
    "✖ --postgres needs PRIVET_TEST_POSTGRES_URL, a PostgreSQL server URL whose user may create databases, e.g.",
  );
  console.error("  PRIVET_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test npm test -- --postgres");
  process.exit(2);
}

const onPostgres = { ...env, PRIVET_TEST_POSTGRES_URL: postgresUrl };
const stage = (name, command, stageArgs, stageEnv = env) => ({ name, command, args: stageArgs, env: stageEnv });
const lint = stage("lint", bin("eslint"), ["--max-warnings=0", "."]);
const typecheck = stage("typecheck", bin("tsc"), ["--noEmit"]);
const format = stage("format (prettier)", bin("prettier"), ["--check", "--log-level=warn", "."]);
const knip = stage("unused code (knip)", bin("knip"), ["--no-progress", "--no-config-hints"]);
const vitest = stage("unit and integration (vitest)", bin("vitest"), ["run"]);
const build = stage("build", process.execPath, ["--import", "tsx", path.join(root, "scripts", "build.ts")]);
const e2e = stage("end-to-end (playwright)", bin("playwright"), ["test"]);
const vitestPg = stage("unit and integration (vitest) on PostgreSQL", bin("vitest"), ["run"], onPostgres);
const e2ePg = stage("end-to-end (playwright) on PostgreSQL", bin("playwright"), ["test"], onPostgres);

// Steps run one after the other; the lanes of a step run at the same time (each lane's stages in
// order). Much of vitest's time is spent waiting on sockets and databases, so the two vitest passes
// and the build share the two cores well; the end-to-end passes, whose browser and server are
// CPU-bound, run alone (the two side by side took as long as one after the other, on two cores).
// PRIVET_TEST_SERIAL=1 runs every stage alone, in order, with its output live.
const withPostgres = postgresUrl && pass !== "sqlite";
const steps =
  pass === "postgresql"
    ? [[[build], [vitestPg]], [[e2ePg]]]
    : [
        [[lint], [typecheck, format, knip]],
        withPostgres ? [[build], [vitest], [vitestPg]] : [[build], [vitest]],
        [[e2e]],
        ...(withPostgres ? [[[e2ePg]]] : []),
      ];

/** The server URL without its password, for messages. */
function shown(url) {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString();
  } catch {
    return "(an invalid URL)";
  }
}

// Fail before the SQLite stages' minutes, not after them, when the PostgreSQL pass cannot run.
if (postgresUrl && pass !== "sqlite") {
  const check = spawnSync(
    process.execPath,
    [
      "-e",
      "const c=new (require('pg').Client)({connectionString:process.argv[1]});c.connect().then(()=>c.end()).catch((e)=>{console.error(e.message);process.exit(1)})",
      postgresUrl,
    ],
    { cwd: root, env, encoding: "utf8", timeout: 30_000 },
  );
  if (check.status !== 0) {
    console.error(`✖ PostgreSQL at ${shown(postgresUrl)} is unreachable: ${(check.stderr || "timed out").trim()}`);
    process.exit(1);
  }
  console.log(`PostgreSQL pass on ${shown(postgresUrl)}`);
}

const serial = process.env.PRIVET_TEST_SERIAL === "1";
const times = [];
const running = new Set();

/** Runs one stage; its output goes live to the terminal, or (live: false) is kept and printed whole. */
function run(st, live) {
  return new Promise((resolve) => {
    const started = Date.now();
    if (live) console.log(`\n▶ ${st.name}`);
    const child = spawn(st.command, st.args, {
      cwd: root,
      env: st.env,
      stdio: live ? "inherit" : ["ignore", "pipe", "pipe"],
      detached: !live,
    });
    running.add(child);
    const output = [];
    child.stdout?.on("data", (chunk) => output.push(chunk));
    child.stderr?.on("data", (chunk) => output.push(chunk));
    child.on("close", (code, signal) => {
      running.delete(child);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (!live) {
        console.log(`\n▶ ${st.name} (ran alongside other stages; its output follows)`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ st, ok: code === 0, status: code ?? signal, seconds });
    });
  });
}

function stopOthers() {
  for (const child of running) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  }
}

// Stages in their own process groups do not see the terminal's Ctrl-C: pass it on.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopOthers();
    process.exit(130);
  });
}

function finish(result) {
  if (!result.ok) {
    console.error(`\n✖ ${result.st.name} failed after ${result.seconds}s (exit ${result.status})`);
    stopOthers();
    process.exit(typeof result.status === "number" && result.status > 0 ? result.status : 1);
  }
  console.log(`✔ ${result.st.name} (${result.seconds}s)`);
  times.push(`  ${result.st.name}: ${result.seconds}s`);
}

const selected = (st) => !only || st.name.startsWith(only);
const started = Date.now();
for (const step of steps) {
  const lanes = step.map((lane) => lane.filter(selected)).filter((lane) => lane.length > 0);
  if (serial || lanes.length === 1) {
    for (const st of lanes.flat()) finish(await run(st, true));
    continue;
  }
  await Promise.all(
    lanes.map(async (lane) => {
      for (const st of lane) finish(await run(st, false));
    }),
  );
}
if (times.length > 1) {
  const total = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nStages:\n${times.join("\n")}\n  (all: ${total}s)`);
}
