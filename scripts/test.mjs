#!/usr/bin/env node
// `npm test`: lint, typecheck, unit and integration tests (vitest), then the end-to-end tests
// (Playwright) against a production build. Each runner prints its own closing summary; the first
// failing stage stops the run with a non-zero exit.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };
delete env.FORCE_COLOR;
const only = process.argv[2];

const stages = [
  ["lint", bin("eslint"), ["--max-warnings=0", "."]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  ["unit and integration (vitest)", bin("vitest"), ["run"]],
  ["build", process.execPath, ["--import", "tsx", path.join(root, "scripts", "build.ts")]],
  ["end-to-end (playwright)", bin("playwright"), ["test"]],
];

for (const [name, command, args] of stages) {
  if (only && !name.startsWith(only)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
