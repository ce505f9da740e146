// Decides whether the production build is missing or older than the sources, and runs it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { setting } from "@/lib/env";

const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
  "proxy.ts",
  "instrumentation-client.ts",
];
// public/screenshots is written by the e2e run and is not compiled into the build.
const SKIP = new Set(["node_modules", ".next", "generated", "screenshots"]);

export function distDir(root: string): string {
  return path.join(root, setting("PRIVET_DIST_DIR"));
}

function walk(file: string, out: string[]): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(file).sort()) if (!SKIP.has(name)) walk(path.join(file, name), out);
  } else if (!/\.test\.tsx?$/.test(file)) {
    out.push(`${file}:${stat.size}:${stat.mtimeMs}`);
  }
}

export function sourceFingerprint(root: string): string {
  const entries: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), entries);
  return crypto.createHash("sha256").update(entries.join("\n")).digest("hex");
}

const stampFile = (root: string) => path.join(distDir(root), "privet-build-fingerprint");

export function isBuildStale(root: string): boolean {
  if (!fs.existsSync(path.join(distDir(root), "BUILD_ID"))) return true;
  try {
    return fs.readFileSync(stampFile(root), "utf8") !== sourceFingerprint(root);
  } catch {
    return true;
  }
}

const LOCK_STALE_MS = 20 * 60_000;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Runs `fn` holding the build directory's lock (a directory created atomically beside it), so that
 * two instances started together from one checkout never build into the same directory at once:
 * the second waits for the first. A lock older than any build (a crashed builder) is taken over.
 */
export function withBuildLock<T>(root: string, fn: () => T): T {
  const lock = `${distDir(root)}.build-lock`;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile: try again.
      }
      sleep(500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the app; with `onlyIfStale`, not when another process finished the same build while this one waited. */
export function runBuild(root: string, options: { onlyIfStale?: boolean } = {}): void {
  withBuildLock(root, () => {
    if (options.onlyIfStale && !isBuildStale(root)) return;
    const fingerprint = sourceFingerprint(root);
    const bin = path.join(root, "node_modules", "next", "dist", "bin", "next");
    const result = spawnSync(process.execPath, [bin, "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? "signal"}).`);
    fs.writeFileSync(stampFile(root), fingerprint);
  });
}
