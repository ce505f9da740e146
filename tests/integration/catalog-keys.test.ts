// A catalog decides which environment variable is sent to which host as a provider key (issue 14,
// item 17): `privet catalog load` refuses an apiKeyEnv that names anything but a provider key, and
// warns when a key the bundled catalog knows would go to another host. Runs the real CLI on a
// fresh data directory.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-catalog-keys-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type TRun = { code: number; stdout: string; stderr: string };

function catalogLoad(catalog: unknown): Promise<TRun> {
  const file = path.join(dir, `catalog-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(catalog));
  const env = {
    ...process.env,
    NO_COLOR: "1",
    PRIVET_DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "privet.db")}`,
    PRIVET_CATALOG: file,
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(process.cwd(), "bin", "privet.mjs"), "catalog", "load", file],
      { encoding: "utf8", env },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const catalogWith = (provider: Record<string, unknown>) => ({
  providers: [{ slug: "relay", name: "Relay", api: "openai", baseUrl: "https://relay.example.net/v1", ...provider }],
  models: [
    {
      id: "acme/model",
      name: "Model",
      contextLength: 8192,
      endpoints: [{ provider: "relay", upstreamModel: "m", pricing: { prompt: 1, completion: 1 } }],
    },
  ],
});

describe("privet catalog load", () => {
  it.each(["REDIS_URL", "AUTH_SECRET", "PRIVET_ENCRYPTION_KEY", "HOME", "SMTP_PASSWORD"])(
    "refuses a catalog whose apiKeyEnv is %s",
    { timeout: 60_000 },
    async (apiKeyEnv) => {
      const run = await catalogLoad(catalogWith({ apiKeyEnv }));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /providers\[0\]\.apiKeyEnv: (names one of Privet's own settings|expected a provider key's name, ending in _API_KEY, _KEY or _TOKEN)/,
      );
      expect(run.stdout).toBe("");
    },
  );

  it(
    "warns when a key the bundled catalog sends to one host would go to another, and loads the catalog",
    { timeout: 60_000 },
    async () => {
      const run = await catalogLoad(catalogWith({ apiKeyEnv: "OPENAI_API_KEY" }));
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(
        'provider "relay" sends OPENAI_API_KEY to relay.example.net, but the bundled catalog sends it only to api.openai.com',
      );
      expect(run.stdout).toMatch(
        /^loaded 1 providers, 1 models, 1 endpoints \(0 routable\) from .*; 1 warning above\n$/,
      );

      // A key of its own, or one going where the bundled catalog sends it, is loaded without a word.
      const own = await catalogLoad(catalogWith({ apiKeyEnv: "RELAY_API_KEY" }));
      expect(own.code).toBe(0);
      expect(own.stderr).toBe("");
      const openai = await catalogLoad(
        catalogWith({ slug: "relay", apiKeyEnv: "OPENAI_API_KEY", baseUrl: "https://api.openai.com/v1" }),
      );
      expect(openai.stderr).toBe("");
    },
  );
});
