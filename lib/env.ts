// Configuration read from the environment, in one place (README, "Configuration").
import path from "node:path";

export function dataDir(): string {
  // Resolved at run time; the ignore keeps Turbopack from tracing the whole project into the build.
  return path.resolve(/*turbopackIgnore: true*/ process.env.PRIVET_DATA_DIR ?? path.join(process.cwd(), "data"));
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? `file:${path.join(dataDir(), "privet.db")}`;
}

export type TDialect = "sqlite" | "postgresql";

/** PostgreSQL for postgres:// and postgresql:// URLs; SQLite (a file: URL) otherwise. */
export function databaseDialect(url: string = databaseUrl()): TDialect {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The base URL people reach this install at, used in links inside error messages. */
export function publicBaseUrl(): string {
  const explicit = process.env.PRIVET_PUBLIC_URL ?? process.env.NEXTAUTH_URL;
  if (explicit) return explicit.replace(/\/+$/, "");
  return `http://${process.env.HOST ?? "127.0.0.1"}:${process.env.PORT ?? "3000"}`;
}

function requireSecret(name: "AUTH_SECRET" | "PRIVET_ENCRYPTION_KEY"): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set. Start Privet with \`npm start\`, which generates it into ./data/secrets.json.`);
  }
  return value;
}

export function authSecret(): string {
  return requireSecret("AUTH_SECRET");
}

export function encryptionKey(): string {
  return requireSecret("PRIVET_ENCRYPTION_KEY");
}

/**
 * A model enters the token ranking only once this many accounts used it in the period, and a
 * category's model row only with this many samples: a smaller count could point at one person.
 */
export function rankingsMinAccounts(): number {
  const raw = process.env.PRIVET_RANKINGS_MIN_ACCOUNTS;
  const n = raw === undefined || raw === "" ? 3 : Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : 3;
}

export function sampleRate(): number {
  const raw = process.env.PRIVET_SAMPLE_RATE;
  const rate = raw === undefined ? 0.0025 : Number(raw);
  return Number.isFinite(rate) && rate >= 0 && rate <= 1 ? rate : 0.0025;
}
