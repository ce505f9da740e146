// Decides whether the production build is missing or older than the sources, and runs it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
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
 * When `fn` returns a promise, the lock is held until it settles.
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
  const release = () => fs.rmSync(lock, { recursive: true, force: true });
  let result: T;
  try {
    result = fn();
  } catch (error) {
    release();
    throw error;
  }
  if (result instanceof Promise) return result.finally(release) as T;
  release();
  return result;
}

/** How long the build may say nothing before Privet says it is still going. */
const QUIET_MS = 5_000;

/**
 * Runs a command with its output passed through, and while it prints nothing for `quietMs` writes a
 * line saying it is still at work and for how long: `next build` compiles for half a minute or more
 * without a word, which looks like a hang to whoever just ran `npm start`.
 */
export function runWithProgress(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; quietMs?: number; label: string },
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number | null> {
  const quietMs = options.quietMs ?? QUIET_MS;
  const started = Date.now();
  let lastOutput = started;
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk: Buffer) => {
    lastOutput = Date.now();
    process.stdout.write(chunk);
  });
  child.stderr.on("data", (chunk: Buffer) => {
    lastOutput = Date.now();
    process.stderr.write(chunk);
  });
  const timer = setInterval(
    () => {
      if (Date.now() - lastOutput < quietMs) return;
      lastOutput = Date.now();
      write(`[privet] ${options.label}… ${Math.round((Date.now() - started) / 1000)} s`);
    },
    Math.min(1_000, quietMs),
  );
  return new Promise((resolve, reject) => {
    child.once("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearInterval(timer);
      resolve(code);
    });
  });
}

/** Builds the app; with `onlyIfStale`, not when another process finished the same build while this one waited. */
export async function runBuild(root: string, options: { onlyIfStale?: boolean } = {}): Promise<void> {
  await withBuildLock(root, async () => {
    if (options.onlyIfStale && !isBuildStale(root)) return;
    const fingerprint = sourceFingerprint(root);
    const bin = path.join(root, "node_modules", "next", "dist", "bin", "next");
    const status = await runWithProgress(process.execPath, [bin, "build"], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      label: "still building (a first build takes a minute or two)",
    });
    if (status !== 0) throw new Error(`next build failed (exit ${status ?? "signal"}).`);
    fs.writeFileSync(stampFile(root), fingerprint);
  });
}
