#!/usr/bin/env node
// `npm test`: lint, typecheck, unit and integration tests (vitest), then the end-to-end tests
// (Playwright) against a production build, all on SQLite. When PRIVET_TEST_POSTGRES_URL names a
// PostgreSQL server whose user may create databases, vitest and Playwright then run again on
// PostgreSQL (each test process and the e2e server get a fresh database there; the build is reused,
// since DATABASE_URL picks the database at run time). Each runner prints its own closing summary;
// the first failing stage stops the run with a non-zero exit.
//
//   node scripts/test.mjs                      every stage (the PostgreSQL pass only with the variable)
//   node scripts/test.mjs <stage-prefix>       the stages whose name starts with the prefix
//   node scripts/test.mjs --postgres [prefix]  the PostgreSQL pass alone (build, vitest, playwright)
//   node scripts/test.mjs --sqlite [prefix]    the SQLite stages alone
import { spawnSync } from "node:child_process";
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
const build = ["build", process.execPath, ["--import", "tsx", path.join(root, "scripts", "build.ts")], env];
const sqliteStages = [
  ["lint", bin("eslint"), ["--max-warnings=0", "."], env],
  ["format (prettier)", bin("prettier"), ["--check", "--log-level=warn", "."], env],
  ["unused code (knip)", bin("knip"), ["--no-progress", "--no-config-hints"], env],
  ["typecheck", bin("tsc"), ["--noEmit"], env],
  ["unit and integration (vitest)", bin("vitest"), ["run"], env],
  build,
  ["end-to-end (playwright)", bin("playwright"), ["test"], env],
];
const postgresStages = [
  ["unit and integration (vitest) on PostgreSQL", bin("vitest"), ["run"], onPostgres],
  ["end-to-end (playwright) on PostgreSQL", bin("playwright"), ["test"], onPostgres],
];
// The PostgreSQL pass alone still needs the build (a no-op when it is up to date).
const stages =
  pass === "sqlite" || !postgresUrl
    ? sqliteStages
    : pass === "postgresql"
      ? [build, ...postgresStages]
      : [...sqliteStages, ...postgresStages];

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

const times = [];
for (const [name, command, stageArgs, stageEnv] of stages) {
  if (only && !name.startsWith(only)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, stageArgs, { cwd: root, env: stageEnv, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
  times.push(`  ${name}: ${seconds}s`);
}
if (times.length > 1) console.log(`\nStages:\n${times.join("\n")}`);
