// Looking for a secret or a piece of content where it must not be: the files of a data directory
// (in every encoding a careless write could use) and everything the process printed. Shared by
// the hardening suites (secrets, faults); privacy-leak.test.ts keeps its own copy, written first.
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import util from "node:util";
import { vi, type MockInstance } from "vitest";

/** `text` as bytes in every encoding a careless write could use: UTF-8/16, hex, base64(url). */
export function encodedForms(text: string): { name: string; bytes: Buffer }[] {
  const forms = [
    { name: "utf8", bytes: Buffer.from(text, "utf8") },
    { name: "utf16le", bytes: Buffer.from(text, "utf16le") },
    { name: "utf16be", bytes: Buffer.from(text, "utf16le").swap16() },
    { name: "hex", bytes: Buffer.from(Buffer.from(text).toString("hex")) },
    { name: "HEX", bytes: Buffer.from(Buffer.from(text).toString("hex").toUpperCase()) },
  ];
  // Base64 depends on where the text starts modulo 3: for each alignment keep only the
  // characters that encode bytes of the text alone.
  for (let pad = 0; pad < 3; pad++) {
    const b64 = Buffer.from("\0".repeat(pad) + text).toString("base64");
    const firstGroup = Math.ceil(pad / 3);
    const endGroup = Math.floor((pad + Buffer.byteLength(text)) / 3);
    const inner = b64.slice(firstGroup * 4, endGroup * 4);
    forms.push({ name: `base64@${pad}`, bytes: Buffer.from(inner) });
    forms.push({ name: `base64url@${pad}`, bytes: Buffer.from(inner.replace(/\+/g, "-").replace(/\//g, "_")) });
  }
  return forms;
}

/** Which encoded forms of `text` occur in `haystack`; [] when none. */
export function formsIn(text: string, haystack: Buffer | string): string[] {
  const bytes = typeof haystack === "string" ? Buffer.from(haystack, "utf8") : haystack;
  return encodedForms(text)
    .filter((form) => bytes.includes(form.bytes))
    .map((form) => form.name);
}

export function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * A file's bytes, read by a child process: closing a descriptor of a SQLite file in this process
 * would drop every POSIX lock the process's own connections hold on it (SQLite's "how to corrupt",
 * 2.2), after which another process (the CLI) can take the database for its last user and
 * checkpoint its WAL away under them.
 */
function readInChild(file: string): Buffer {
  return execFileSync("cat", [file], { maxBuffer: 2 ** 31 - 1 });
}

/** Every file under `dir` (privet.db, privet.db-wal, -shm, the catalog…) as raw bytes. */
export function readFilesUnder(
  dir: string,
  skip: (relative: string) => boolean = () => false,
): { file: string; bytes: Buffer }[] {
  return filesUnder(dir)
    .map((file) => path.relative(dir, file))
    .filter((file) => !skip(file))
    .map((file) => ({ file, bytes: readInChild(path.join(dir, file)) }));
}

/** Where `text` occurs in the files, as "file (encoding)"; [] when nowhere. */
export function findInFiles(text: string, files: { file: string; bytes: Buffer }[]): string[] {
  return files.flatMap(({ file, bytes }) => formsIn(text, bytes).map((form) => `${file} (${form})`));
}

function render(args: unknown[]): string {
  return args
    .map((a) =>
      typeof a === "string"
        ? a
        : Buffer.isBuffer(a) || a instanceof Uint8Array
          ? Buffer.from(a).toString("utf8")
          : util.inspect(a, { depth: 20 }),
    )
    .join(" ");
}

/**
 * Captures everything the process prints from now on (console methods, stdout, stderr) without
 * showing it; `text()` is all of it, `restore()` puts the real channels back.
 */
export function capturePrinted(): { text(): string; restore(): void } {
  const lines: string[] = [];
  const spies: MockInstance[] = [];
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    spies.push(vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(render(args))));
  }
  for (const stream of ["stdout", "stderr"] as const) {
    spies.push(
      vi.spyOn(process[stream], "write").mockImplementation(((chunk: unknown) => {
        lines.push(render([chunk]));
        return true;
      }) as typeof process.stdout.write),
    );
  }
  return {
    text: () => lines.join("\n"),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
