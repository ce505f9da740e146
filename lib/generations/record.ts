// The metadata record (PRODUCT.md rule 2): what Privet keeps of every request, and the one mapping
// between it and a database row. The record is the `Generation` row of prisma/schema.prisma with its
// JSON columns parsed and its enumerations narrowed, so the two cannot drift apart; that table has
// no column that could hold prompt or completion text, so neither has the record.
import type { Generation } from "@/lib/generated/prisma/client";
import type { TDataPolicy } from "@/lib/catalog/types";
import type { TRouteTrace } from "@/lib/generations/route-trace";

/**
 * One provider tried for a request. `sent`: the request may have reached it (everything but an
 * attempt Privet could not build or connect for) — absent in records older than issue 14, read as
 * "sent" when the attempt has a status. `data_policy`: that provider's policy at the time. An
 * attempt whose provider stayed at its limit of concurrent requests is not sent, 429 `provider_busy`.
 */
export type TAttempt = {
  provider: string;
  status: number;
  latency_ms: number;
  error?: string;
  sent?: boolean;
  data_policy?: TDataPolicy | null;
  /** Milliseconds it waited for a slot at its provider (lib/gateway/provider-queue.ts); absent: none. */
  queue_ms?: number;
};

/** Whether the request may have reached the attempt's provider (unknown counts as reached). */
export function wasSent(attempt: TAttempt): boolean {
  return attempt.sent ?? attempt.error !== "unsupported_by_api";
}

export const GENERATION_STATUSES = ["success", "error", "cancelled"] as const;
export type TGenerationStatus = (typeof GENERATION_STATUSES)[number];

export const GENERATION_ORIGINS = ["api", "chat"] as const;
export type TGenerationOrigin = (typeof GENERATION_ORIGINS)[number];

/** The API surface a request came through (`kind` on the record). */
export const GENERATION_KINDS = ["chat", "messages", "responses", "completions", "embeddings"] as const;
export type TGenerationKind = (typeof GENERATION_KINDS)[number];

/** How the activity pages name each kind: the API route it came through. */
export const GENERATION_KIND_LABELS: Record<TGenerationKind, string> = {
  chat: "Chat completions",
  messages: "Messages (Anthropic)",
  responses: "Responses",
  completions: "Completions (legacy)",
  embeddings: "Embeddings",
};

/** A row of the Generation table, as Prisma types it. */
export type TGenerationRow = Generation;

/**
 * The providers a request may have reached, in the order they were tried, each with its data policy
 * at the time (the served provider's from the record when an older attempt lacks it).
 */
export function sentTo(
  g: Pick<TGenerationRecord, "attempts" | "providerSlug" | "dataPolicy">,
): { provider: string; data_policy: TDataPolicy | null }[] {
  return g.attempts.filter(wasSent).map((a) => ({
    provider: a.provider,
    data_policy: a.data_policy ?? (a.provider === g.providerSlug ? g.dataPolicy : null),
  }));
}

export type TGenerationRecord = Omit<
  TGenerationRow,
  "origin" | "kind" | "status" | "attempts" | "dataPolicy" | "route"
> & {
  origin: TGenerationOrigin;
  kind: TGenerationKind;
  status: TGenerationStatus;
  attempts: TAttempt[];
  dataPolicy: TDataPolicy | null;
  /** How the request was routed ("why this provider"); null when it never reached routing. */
  route: TRouteTrace | null;
};

export type TGenerationColumn = keyof TGenerationRecord;

/** The row the recorder writes for a record. */
export function recordToRow(r: TGenerationRecord): TGenerationRow {
  return {
    ...r,
    attempts: JSON.stringify(r.attempts),
    dataPolicy: r.dataPolicy ? JSON.stringify(r.dataPolicy) : null,
    route: r.route ? JSON.stringify(r.route) : null,
  };
}

// Reading a column's value back. Rows come from Prisma (typed), or from raw SQL, where the drivers
// differ: SQLite gives ISO text for times, 0/1 for booleans and numbers or bigints; PostgreSQL Dates,
// booleans, and bigints or Decimals for sums. Each reader accepts every one of those.
const text = (v: unknown): string => String(v);
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
const bool = (v: unknown): boolean => Boolean(v);
const time = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const isStatus = (v: unknown): v is TGenerationStatus => (GENERATION_STATUSES as readonly unknown[]).includes(v);
const isKind = (v: unknown): v is TGenerationKind => (GENERATION_KINDS as readonly unknown[]).includes(v);
const isOrigin = (v: unknown): v is TGenerationOrigin => (GENERATION_ORIGINS as readonly unknown[]).includes(v);
// The recorder writes nothing else; a value it did not write reads as the least flattering one.
const status = (v: unknown): TGenerationStatus => (isStatus(v) ? v : "error");
const origin = (v: unknown): TGenerationOrigin => (isOrigin(v) ? v : "api");
const kind = (v: unknown): TGenerationKind => (isKind(v) ? v : "chat");
// JSON columns hold what recordToRow wrote from the record's own types.
const attempts = (v: unknown): TAttempt[] => JSON.parse(textOrNull(v) || "[]");
const dataPolicy = (v: unknown): TDataPolicy | null => (v ? JSON.parse(String(v)) : null);
const route = (v: unknown): TRouteTrace | null => (v ? JSON.parse(String(v)) : null);

/** How each column of a row becomes the record's field. Listing every column is what the type demands. */
const READ: { [K in TGenerationColumn]: (value: unknown) => TGenerationRecord[K] } = {
  id: text,
  userId: text,
  apiKeyId: textOrNull,
  createdAt: time,
  model: text,
  providerSlug: textOrNull,
  providerName: textOrNull,
  upstreamModel: textOrNull,
  origin,
  kind,
  appTitle: textOrNull,
  appReferer: textOrNull,
  userAgent: textOrNull,
  externalUser: textOrNull,
  streamed: bool,
  cancelled: bool,
  status,
  httpStatus: num,
  errorCode: textOrNull,
  finishReason: textOrNull,
  nativeFinishReason: textOrNull,
  latencyMs: numOrNull,
  firstTokenMs: numOrNull,
  promptTokens: num,
  completionTokens: num,
  cost: num,
  attempts,
  dataPolicy,
  contentStored: bool,
  cachedPromptTokens: num,
  reasoningTokens: num,
  usageEstimated: bool,
  route,
};

/** Every column of the record, in the table's order. */
export const GENERATION_COLUMNS = Object.keys(READ) as TGenerationColumn[];

/**
 * The record's fields named by `columns`, read from a row of any shape: `get` returns one column's
 * value (from a Prisma row, a raw SQL row object, or a row array by position).
 */
export function readGeneration<K extends TGenerationColumn>(
  columns: readonly K[],
  get: (column: K) => unknown,
): Pick<TGenerationRecord, K> {
  const out: Partial<Pick<TGenerationRecord, K>> = {};
  for (const column of columns) out[column] = READ[column](get(column));
  // Every column in `columns` was just set.
  return out as Pick<TGenerationRecord, K>;
}

/** The whole record from a row of the Generation table: a Prisma row, or a `SELECT *` row of either database. */
export function recordFromRow(row: { readonly [K in TGenerationColumn]?: unknown }): TGenerationRecord {
  return readGeneration(GENERATION_COLUMNS, (column) => row[column]);
}
