// `npm start` checks the whole configuration before it touches anything: with bad values it exits
// non-zero, names every bad variable with what it expects, quotes none of the values (some are
// secrets or hold a password) and leaves the data directory uncreated.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ZConfig } from "@/lib/env";

const BAD = {
  PORT: "80eighty",
  DATABASE_URL: "postgress://privet:PVTCONFIGPASSWORD@db.internal/privet",
  REDIS_URL: "http://:PVTCONFIGREDIS@cache.internal",
  PRIVET_PUBLIC_URL: "privet.example.com",
  PRIVET_SAMPLE_RATE: "25%",
  PRIVET_TIMEOUT_FIRST_BYTE_MS: "2min",
  PRIVET_RATE_LIMIT_PER_MINUTE: "-1",
  PRIVET_TRUST_PROXY: "PVTCONFIGMAYBE",
};

function start(env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  // Only this test's values for the variables the schema knows, whatever the runner's environment holds.
  const base = { ...process.env };
  for (const name of Object.keys(ZConfig.shape)) delete base[name];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join(process.cwd(), "scripts", "start.ts")],
      { encoding: "utf8", env: { ...base, ...env, NO_COLOR: "1" }, timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({
          status: error ? (typeof error.code === "number" ? error.code : -1) : 0,
          output: `${stdout}\n${stderr}`,
        });
      },
    );
  });
}

describe("npm start with a bad configuration", () => {
  it("exits non-zero listing every bad variable, quoting no value, before creating the data directory", async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "privet-config-")), "data");
    const { status, output } = await start({ ...BAD, PRIVET_DATA_DIR: dataDir, AUTH_SECRET: "PVTCONFIGAUTHSECRET" });

    expect(status).toBe(1);
    expect(output).toContain(`${Object.keys(BAD).length} settings are not valid`);
    for (const name of Object.keys(BAD)) expect(output).toMatch(new RegExp(`^  ${name}: expected .+$`, "m"));
    expect(output).toContain("PRIVET_TRUST_PROXY: expected one of 1, true, on, yes, 0, false, off, no (any case)");
    for (const value of [...Object.values(BAD), "PVTCONFIG"]) expect(output).not.toContain(value);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
