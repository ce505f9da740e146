// Configuration read from the environment, in one place (README, "Configuration"): one zod schema
// for every variable Privet reads. `npm start` checks the whole environment against it before it
// does anything else and refuses to start on a bad value, listing each one; the readers below go
// through the same schema, so a value is never read one way at start and another way later.
// Provider keys are not here: the catalog names them (`apiKeyEnv`), see lib/catalog/build.ts.
import path from "node:path";
import { z } from "zod";

type TEnv = Record<string, string | undefined>;

/** The spellings a switch accepts, in any case (README, "Configuration"). */
export const SWITCH_VALUES = { on: ["1", "true", "on", "yes"], off: ["0", "false", "off", "no"] } as const;

/**
 * One variable: unset or empty means its default (`fallback`); anything else must parse, or the
 * issue says what was expected. Issues never quote the value: some of these are secrets or hold a
 * password (DATABASE_URL, REDIS_URL).
 */
function variable<T>(
  expected: string,
  parse: (text: string) => T | undefined,
): z.ZodType<T | undefined, string | undefined>;
function variable<T>(
  expected: string,
  parse: (text: string) => T | undefined,
  fallback: T,
): z.ZodType<T, string | undefined>;
function variable<T>(expected: string, parse: (text: string) => T | undefined, fallback?: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === "") return fallback;
      const value = parse(raw);
      if (value === undefined) {
        ctx.addIssue({ code: "custom", message: `expected ${expected}` });
        return z.NEVER;
      }
      return value;
    });
}

const wholeNumber =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (text: string) => {
    const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
  };
const fraction = (text: string) => {
  const n = /^\s*(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  return n >= 0 && n <= 1 ? n : undefined;
};
const text = (value: string) => value;
const httpUrl = (value: string) =>
  URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) ? value : undefined;
const urlWithScheme = (pattern: RegExp) => (value: string) =>
  pattern.test(value) && URL.canParse(value) ? value : undefined;
const switchValue = (value: string): boolean | undefined => {
  const word = value.trim().toLowerCase();
  if ((SWITCH_VALUES.on as readonly string[]).includes(word)) return true;
  if ((SWITCH_VALUES.off as readonly string[]).includes(word)) return false;
  return undefined;
};
const list = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
/** `*`, `none`, or origins such as `https://chat.example.com` (scheme, host and port only). */
const corsOrigins = (value: string): string[] | undefined => {
  const origins = list(value);
  if (origins.length === 1 && origins[0]!.toLowerCase() === "none") return [];
  if (origins.length === 1 && origins[0] === "*") return ["*"];
  const isOrigin = (origin: string) =>
    URL.canParse(origin) && /^https?:$/.test(new URL(origin).protocol) && new URL(origin).origin === origin;
  return origins.length > 0 && origins.every(isOrigin) ? origins : undefined;
};

const PORT = "a port number from 0 to 65535";
const MS = "a whole number of milliseconds from 1";
const COUNT = "a whole number from 0 (0 = unlimited)";
const SWITCH = `one of ${[...SWITCH_VALUES.on, ...SWITCH_VALUES.off].join(", ")} (any case)`;
const LOG_FORMATS = ["text", "json"] as const;

export const ZConfig = z.object({
  HOST: variable("a host name or address", text, "127.0.0.1"),
  PORT: variable(PORT, wholeNumber(0, 65535), 3000),
  DATABASE_URL: variable("a SQLite file: URL or a postgresql:// URL", (value) =>
    /^file:./.test(value) ? value : urlWithScheme(/^postgres(ql)?:\/\//i)(value),
  ),
  PRIVET_DATABASE_POOL_SIZE: variable("a whole number of connections from 1", wholeNumber(1), 10),
  REDIS_URL: variable("a redis:// or rediss:// URL", urlWithScheme(/^rediss?:\/\//i)),
  PRIVET_DATA_DIR: variable("a directory", text),
  AUTH_SECRET: variable("a secret", text),
  PRIVET_ENCRYPTION_KEY: variable("a secret", text),
  PRIVET_ENCRYPTION_KEY_PREVIOUS: variable("comma-separated secrets", list, []),
  NEXTAUTH_URL: variable("an http:// or https:// URL", httpUrl),
  PRIVET_PUBLIC_URL: variable("an http:// or https:// URL", httpUrl),
  PRIVET_CATALOG: variable("a catalog file", text),
  PRIVET_SAMPLE_RATE: variable("a fraction from 0 to 1, e.g. 0.0025", fraction, 0.0025),
  PRIVET_RANKINGS_MIN_ACCOUNTS: variable("a whole number from 1", wholeNumber(1), 3),
  PRIVET_TIMEOUT_CONNECT_MS: variable(MS, wholeNumber(1), 10_000),
  PRIVET_TIMEOUT_FIRST_BYTE_MS: variable(MS, wholeNumber(1), 120_000),
  PRIVET_TIMEOUT_TOTAL_MS: variable(MS, wholeNumber(1), 600_000),
  PRIVET_DIST_DIR: variable("a directory", text, ".next"),
  PRIVET_RATE_LIMIT_PER_MINUTE: variable(COUNT, wholeNumber(0), 0),
  /** The largest JSON body an /api/v1 request may carry, in MiB (images and PDFs travel inside it). */
  PRIVET_MAX_BODY_MB: variable("a whole number of MiB from 1", wholeNumber(1), 24),
  /**
   * Concurrent upstream requests one account may have under way in a process (0: no cap); unset, a
   * quarter of PRIVET_MAX_CONCURRENT_PER_PROVIDER (lib/gateway/admission.ts, accountCap).
   */
  PRIVET_MAX_CONCURRENT_PER_ACCOUNT: variable(COUNT, wholeNumber(0)),
  /** Upstream requests in flight to one provider from a process (0: no limit); past it, a fair queue. */
  PRIVET_MAX_CONCURRENT_PER_PROVIDER: variable(COUNT, wholeNumber(0), 256),
  /** How long a request may wait, in all, for providers at their limit before fallback or 429. */
  PRIVET_PROVIDER_QUEUE_TIMEOUT_MS: variable("a whole number of milliseconds from 0", wholeNumber(0), 10_000),
  /** Free password failures per email and client address (the older name below is its fallback). */
  PRIVET_SIGNIN_LIMIT_PER_EMAIL_ADDRESS: variable(COUNT, wholeNumber(0)),
  PRIVET_SIGNIN_LIMIT_PER_EMAIL: variable(COUNT, wholeNumber(0), 10),
  PRIVET_SIGNIN_LIMIT_PER_ADDRESS: variable(COUNT, wholeNumber(0), 50),
  /** Sign-up attempts per client address per hour. */
  PRIVET_SIGNUP_LIMIT_PER_ADDRESS: variable(COUNT, wholeNumber(0), 10),
  PRIVET_CORS_ORIGINS: variable("*, none, or comma-separated origins such as https://chat.example.com", corsOrigins, [
    "*",
  ]),
  PRIVET_TRUST_PROXY: variable(SWITCH, switchValue, false),
  /** Seconds between SIGTERM (readiness turns 503) and closing the listening socket. */
  PRIVET_DRAIN_SECONDS: variable("a whole number of seconds from 0 to 3600", wholeNumber(0, 3600), 5),
  /** Bearer token for GET /metrics on the main port (and on PRIVET_METRICS_PORT when both are set). */
  PRIVET_METRICS_TOKEN: variable("a token", text),
  /** A port of its own for GET /metrics, on HOST. */
  PRIVET_METRICS_PORT: variable(PORT, wholeNumber(0, 65535)),
  PRIVET_METRICS_PER_ACCOUNT: variable(SWITCH, switchValue, false),
  PRIVET_TRACES_ACCOUNT_ID: variable(SWITCH, switchValue, false),
  PRIVET_LOG_FORMAT: variable(
    `one of ${LOG_FORMATS.join(", ")}`,
    (value) => LOG_FORMATS.find((f) => f === value.trim().toLowerCase()),
    "text",
  ),
  /** OpenTelemetry's own variables: set, either turns tracing on; the SDK reads the rest (OTEL_*). */
  OTEL_EXPORTER_OTLP_ENDPOINT: variable("an http:// or https:// URL", httpUrl),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: variable("an http:// or https:// URL", httpUrl),
  /** Set by `npm run demo`: the app shows a "Demo mode" banner. */
  PRIVET_DEMO: variable(SWITCH, switchValue, false),
  /** Processes serving the API on one port (node:cluster); 1 serves from the process `npm start` runs. */
  PRIVET_WORKERS: variable("a whole number of processes from 1 to 64", wholeNumber(1, 64), 1),
  /** Set by Privet itself on each worker it starts (0 … PRIVET_WORKERS − 1); worker 0 runs the single-runner jobs. */
  PRIVET_WORKER_INDEX: variable("a whole number from 0 to 63", wholeNumber(0, 63)),
  /** Benchmarks only: the process writes its event-loop delay, CPU time and RSS to <dir>/<pid>.json. */
  PRIVET_BENCH_STATS_DIR: variable("a directory", text),
  /** `npm run demo` only: the mock upstream's port. */
  MOCK_UPSTREAM_PORT: variable(PORT, wholeNumber(0, 65535), 4010),
});

export type TConfig = z.output<typeof ZConfig>;
export type TConfigName = keyof TConfig;
const NAMES = Object.keys(ZConfig.shape) as TConfigName[];

/** One bad variable: its name and what it should be. Never its value. */
export type TConfigProblem = { name: TConfigName; problem: string };

/** Every bad variable in `env`, in the schema's order; empty when the configuration is good. */
export function findConfigProblems(env: TEnv = process.env): TConfigProblem[] {
  const result = ZConfig.safeParse(Object.fromEntries(NAMES.map((name) => [name, env[name]])));
  if (result.success) return [];
  const problems = result.error.issues.map((issue) => ({ name: issue.path[0] as TConfigName, problem: issue.message }));
  return problems.sort((a, b) => NAMES.indexOf(a.name) - NAMES.indexOf(b.name));
}

/** The refusal `npm start` prints: one line per bad variable. */
export function describeConfigProblems(problems: TConfigProblem[]): string {
  const lines = problems.map((p) => `  ${p.name}: ${p.problem}`);
  return `${problems.length === 1 ? "1 setting is" : `${problems.length} settings are`} not valid (README, "Configuration"):\n${lines.join("\n")}`;
}

// Each variable is parsed once per value it takes: readers on the request path pay a lookup and a
// string comparison, and a test that changes process.env is seen at the next read.
const parsed = new Map<TConfigName, { raw: string | undefined; value: unknown }>();

/** One setting, parsed and defaulted by the schema. A bad value throws (`npm start` refuses it first). */
export function setting<N extends TConfigName>(name: N, env: TEnv = process.env): TConfig[N] {
  const raw = env[name];
  const known = parsed.get(name);
  if (known !== undefined && known.raw === raw) return known.value as TConfig[N];
  const result = ZConfig.shape[name].safeParse(raw);
  if (!result.success)
    throw new Error(`${name}: ${result.error.issues[0]?.message ?? "not valid"} (README, "Configuration").`);
  parsed.set(name, { raw, value: result.data });
  return result.data as TConfig[N];
}

export function dataDir(): string {
  // Resolved at run time; the ignore keeps Turbopack from tracing the whole project into the build.
  return path.resolve(/*turbopackIgnore: true*/ setting("PRIVET_DATA_DIR") ?? path.join(process.cwd(), "data"));
}

export function databaseUrl(): string {
  return setting("DATABASE_URL") ?? `file:${path.join(dataDir(), "privet.db")}`;
}

export type TDialect = "sqlite" | "postgresql";

/** PostgreSQL for postgres:// and postgresql:// URLs; SQLite (a file: URL) otherwise. */
export function databaseDialect(url: string = databaseUrl()): TDialect {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The base URL people reach this install at, used in links inside error messages. */
export function publicBaseUrl(): string {
  const explicit = setting("PRIVET_PUBLIC_URL") ?? setting("NEXTAUTH_URL");
  if (explicit) return explicit.replace(/\/+$/, "");
  return `http://${setting("HOST")}:${setting("PORT")}`;
}

function requireSecret(name: "AUTH_SECRET" | "PRIVET_ENCRYPTION_KEY"): string {
  const value = setting(name);
  if (!value) {
    throw new Error(
      `${name} is not set. Start Privet with \`npm start\`, which generates it into ./data/secrets.json.`,
    );
  }
  return value;
}

export function authSecret(): string {
  return requireSecret("AUTH_SECRET");
}

/**
 * A model enters the token ranking only once this many accounts used it in the period, and a
 * category's model row only with this many samples: a smaller count could point at one person.
 */
export function rankingsMinAccounts(): number {
  return setting("PRIVET_RANKINGS_MIN_ACCOUNTS");
}

export function sampleRate(): number {
  return setting("PRIVET_SAMPLE_RATE");
}

/** `npm run demo`: every provider is played by the built-in mock upstream (the app shows a banner). */
export function isDemoMode(): boolean {
  return setting("PRIVET_DEMO");
}
