// CSV export of every record the table's filters match, newest first, streamed page by page
// (lib/activity/list.ts iterateActivityValues). Metadata only: a record has no content to export.
import { COLUMN, iterateActivityValues } from "@/lib/activity/list";
import type { TActivityFilters } from "@/lib/activity/query";
import { textStream } from "@/lib/activity/stream";
import { appLabel, speedOf } from "@/lib/activity/view";
import { recorder } from "@/lib/gateway/recorder";
import type { TGenerationRecord } from "@/lib/generations/record";

export const CSV_HEADER = [
  "id",
  "created_at",
  "model",
  "provider",
  "provider_name",
  "upstream_model",
  "app",
  "app_referer",
  "api_key_id",
  "origin",
  "kind",
  "input_tokens",
  "output_tokens",
  "cached_input_tokens",
  "reasoning_tokens",
  "cost_usd",
  "latency_ms",
  "time_to_first_token_ms",
  "speed_tokens_per_s",
  "finish_reason",
  "status",
  "http_status",
  "error_code",
  "streamed",
  "cancelled",
  "content_stored",
] as const;

// Where a spreadsheet starts a cell inside one of our fields: at its start; after a `;` where `;`
// separates cells (many European locales), since there our quotes sit mid-cell and mean nothing;
// and after a line break, for the same reason.
const FORMULA_AHEAD = String.raw`(?=[\s"]*[=+\-@]|[\t\r])`;
const INNER_CELL_START = new RegExp(String.raw`(\r\n|[;\r\n])` + FORMULA_AHEAD, "g");
const FIELD_START = new RegExp(`^${FORMULA_AHEAD}`);
const NEEDS_CARE = /^[\s"]*[=+\-@]|[\t\r\n",;]/;

/**
 * One CSV field (RFC 4180). Every cell a spreadsheet could read as a formula — one starting with
 * =, +, -, @, tab or CR, after spaces or quotes too, whether the spreadsheet splits cells at `,`
 * or at `;` — is prefixed with an apostrophe: model names, referers and finish reasons come from
 * API clients and upstreams. A field with `"`, `,`, `;` or a line break is quoted.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (!NEEDS_CARE.test(value)) return value;
  const inner = value.replace(INNER_CELL_START, "$1'");
  const text = FIELD_START.test(inner) ? `'${inner}` : inner;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const text = (value: unknown) => (value === null || value === undefined ? "" : csvField(value as string));
const int = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const bool = (value: unknown) => (value ? "true" : "false");

/** Prisma stores times as "2026-11-27T16:57:16.472+00:00"; the CSV writes them as toISOString() does. */
function isoOf(value: unknown): string {
  if (typeof value === "string" && value.length === 29 && value.endsWith("+00:00")) return `${value.slice(0, 23)}Z`;
  return (value instanceof Date ? value : new Date(value as string)).toISOString();
}

/**
 * One record, given as its values in ROW_COLUMN_NAMES order, as a CSV line. Written out by hand
 * over the raw values: an export formats a million of these, and skipping the row objects halves
 * the time per row (bench/activity.md).
 */
export function csvLine(v: readonly unknown[]): string {
  const latency = v[COLUMN.latencyMs] as number | null;
  const firstToken = v[COLUMN.firstTokenMs] as number | null;
  const completion = Number(v[COLUMN.completionTokens]);
  const speed = speedOf(completion, latency, firstToken);
  return (
    // Ids, origins, kinds and statuses are Privet's own tokens: no quoting can be needed.
    `${v[COLUMN.id]},${isoOf(v[COLUMN.createdAt])},${text(v[COLUMN.model])},${text(v[COLUMN.providerSlug])},${text(v[COLUMN.providerName])},` +
    `${text(v[COLUMN.upstreamModel])},${text(appLabel(v[COLUMN.appTitle] as string | null, v[COLUMN.appReferer] as string | null, v[COLUMN.origin] as TGenerationRecord["origin"]))},` +
    `${text(v[COLUMN.appReferer])},${v[COLUMN.apiKeyId] ?? ""},${v[COLUMN.origin]},${v[COLUMN.kind]},${int(v[COLUMN.promptTokens])},${completion},` +
    `${int(v[COLUMN.cachedPromptTokens])},${int(v[COLUMN.reasoningTokens])},${csvField(Number(v[COLUMN.cost]))},${int(latency)},${int(firstToken)},${speed === null ? "" : Math.round(speed * 10) / 10},` +
    `${text(v[COLUMN.finishReason])},${v[COLUMN.status]},${v[COLUMN.httpStatus]},${text(v[COLUMN.errorCode])},` +
    `${bool(v[COLUMN.streamed])},${bool(v[COLUMN.cancelled])},${bool(v[COLUMN.contentStored])}`
  );
}

async function* csvChunks(userId: string, filters: TActivityFilters): AsyncGenerator<string, void, undefined> {
  yield `${CSV_HEADER.join(",")}\r\n`;
  await recorder().settle();
  for await (const page of iterateActivityValues(userId, filters)) {
    let chunk = "";
    for (const values of page) chunk += `${csvLine(values)}\r\n`;
    yield chunk;
  }
}

export function createActivityCsvStream(userId: string, filters: TActivityFilters): ReadableStream<Uint8Array> {
  return textStream(csvChunks(userId, filters));
}

export function csvFileName(now = new Date()): string {
  return `privet-activity-${now.toISOString().slice(0, 10)}.csv`;
}
