import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

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
