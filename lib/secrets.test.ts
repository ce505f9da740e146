import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureSecrets } from "@/lib/secrets";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-secrets-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("ensureSecrets", () => {
  it("generates missing secrets into secrets.json with mode 600 and keeps them across restarts", () => {
    const dir = tempDir();
    const first = ensureSecrets(dir, {});
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(40);
    expect(first.PRIVET_ENCRYPTION_KEY).not.toBe(first.AUTH_SECRET);
    const file = path.join(dir, "secrets.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(ensureSecrets(dir, {})).toEqual(first);
  });

  it("prefers the environment and writes nothing when every secret is given", () => {
    const dir = tempDir();
    const secrets = ensureSecrets(dir, { AUTH_SECRET: "from-env", PRIVET_ENCRYPTION_KEY: "key-from-env" });
    expect(secrets).toEqual({ AUTH_SECRET: "from-env", PRIVET_ENCRYPTION_KEY: "key-from-env" });
    expect(fs.existsSync(path.join(dir, "secrets.json"))).toBe(false);
  });

  it("generates only what the environment lacks, and never writes an environment secret to disk", () => {
    const dir = tempDir();
    const secrets = ensureSecrets(dir, { AUTH_SECRET: "from-env" });
    expect(secrets.AUTH_SECRET).toBe("from-env");
    const stored = JSON.parse(fs.readFileSync(path.join(dir, "secrets.json"), "utf8"));
    expect(stored.AUTH_SECRET).toBeUndefined();
    expect(stored.PRIVET_ENCRYPTION_KEY).toBe(secrets.PRIVET_ENCRYPTION_KEY);
  });

  it("refuses a corrupt secrets file instead of silently replacing it", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "secrets.json"), "{not json");
    expect(() => ensureSecrets(dir, {})).toThrow(/not valid JSON/);
  });
});
