import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runWithProgress, withBuildLock } from "@/lib/server/build";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-build-lock-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A separate process that holds the build lock of `dir` for a moment, logging when it enters and leaves. */
function holder(name: string): Promise<number | null> {
  const script = `
    import fs from "node:fs";
    import { withBuildLock } from "@/lib/server/build";
    const log = (line) => fs.appendFileSync(${JSON.stringify(path.join(dir, "log"))}, line + "\\n");
    withBuildLock(${JSON.stringify(dir)}, () => {
      log("enter ${name}");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 700);
      log("leave ${name}");
    });`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: process.cwd(),
    stdio: "inherit",
  });
  return new Promise((resolve) => child.on("exit", resolve));
}

describe("the build lock", () => {
  it("lets two processes started together build one after the other, never at once", { timeout: 30_000 }, async () => {
    expect(await Promise.all([holder("a"), holder("b")])).toEqual([0, 0]);
    const lines = fs.readFileSync(path.join(dir, "log"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]!.replace("enter ", "leave ")).toBe(lines[1]);
    expect(lines[2]!.replace("enter ", "leave ")).toBe(lines[3]);
    expect(fs.existsSync(path.join(dir, ".next.build-lock"))).toBe(false);
  });
});

describe("the build's progress", () => {
  it("says the build is still going while it prints nothing, and passes its own output through", async () => {
    const lines: string[] = [];
    const script = "console.log('compiling'); setTimeout(() => console.log('compiled'), 1500);";
    const status = await runWithProgress(
      process.execPath,
      ["-e", script],
      { cwd: process.cwd(), env: process.env, quietMs: 200, label: "still building" },
      (line) => lines.push(line),
    );
    expect(status).toBe(0);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatch(/^\[privet\] still building… \d+ s$/);
  });

  it("holds the build lock until an asynchronous build settles, and reports a failed command", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "privet-build-async-"));
    const lock = path.join(root, ".next.build-lock");
    let wasHeld = false;
    const status = await withBuildLock(root, async () => {
      const code = await runWithProgress(
        process.execPath,
        ["-e", "process.exit(3)"],
        { cwd: process.cwd(), env: process.env, label: "x" },
        () => {},
      );
      wasHeld = fs.existsSync(lock);
      return code;
    });
    expect(status).toBe(3);
    expect(wasHeld).toBe(true);
    expect(fs.existsSync(lock)).toBe(false);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
