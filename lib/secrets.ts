// Server secrets: taken from the environment, or generated once into ./data/secrets.json (mode 600).
import crypto from "node:crypto";

type TEnv = Record<string, string | undefined>;
import fs from "node:fs";
import path from "node:path";
import { setting } from "@/lib/env";

export type TSecrets = { AUTH_SECRET: string; PRIVET_ENCRYPTION_KEY: string };
const NAMES = ["AUTH_SECRET", "PRIVET_ENCRYPTION_KEY"] as const;

export function generateSecret(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/**
 * Returns every secret, preferring the environment. Missing ones are generated and written to
 * `<dir>/secrets.json` with mode 600, so that restarts keep sessions, API keys and logged content valid.
 */
export function ensureSecrets(dir: string, env: TEnv = process.env): TSecrets {
  const file = path.join(dir, "secrets.json");
  let stored: Partial<TSecrets> = {};
  if (fs.existsSync(file)) {
    try {
      stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<TSecrets>;
    } catch {
      throw new Error(`${file} is not valid JSON; fix or remove it (removing it invalidates sessions and API keys).`);
    }
  }
  const result = {} as TSecrets;
  let changed = false;
  for (const name of NAMES) {
    const value = setting(name, env) || stored[name];
    if (value) {
      result[name] = value;
    } else {
      result[name] = generateSecret();
      stored[name] = result[name];
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }
  return result;
}
