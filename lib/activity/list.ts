// The activity table: one account's metadata records, filtered, sorted and paged on the server.
//
// Paging is by keyset, never by offset: a page is "the next N rows after (sort value, id)", so page
// 20,000 costs what page 1 costs. Sorting by date walks an index newest first — (userId, createdAt,
// id) without filters, or the filter's own (userId, <column>, createdAt) index — and reads only the rows
// it returns. Sorting by anything else (cost, latency, speed, tokens) has no such index: SQLite must
// read every matching row and sort them. Rather than add five more indexes to every write on the
// gateway's path (and still not cover filtered sorts), those sorts are allowed when the filters
// leave at most MAX_SORTABLE_ROWS rows — counted from the rollup, not the records — and the page
// says so and sorts by date otherwise. See bench/activity.md for the measured costs.
import { db, dialect, rawQuery } from "@/lib/db";
import { NONE, type TActivityFilters, type TActivityQuery, type TActivitySort } from "@/lib/activity/query";
import { readRowArrays } from "@/lib/activity/export-reader";
import { toActivityRow, type TActivityRow } from "@/lib/activity/view";
import { readGeneration, type TGenerationRecord } from "@/lib/generations/record";

export const PAGE_SIZE = 50;
export const MAX_SORTABLE_ROWS = 50_000;

/**
 * Mirrors speedOf() in lib/activity/view.ts; -1 stands for "no speed" so the keyset stays total.
 * The cast makes it a double on both databases (PostgreSQL would otherwise compute a numeric, which
 * the cursor's JS double could not compare equal to).
 */
const SPEED_SQL = `CASE WHEN "completionTokens" <= 0 OR "latencyMs" IS NULL OR "latencyMs" <= 0 THEN -1
  ELSE CAST("completionTokens" AS DOUBLE PRECISION) * 1000.0 / (CASE WHEN "latencyMs" - coalesce("firstTokenMs", 0) > 0 THEN "latencyMs" - coalesce("firstTokenMs", 0) ELSE "latencyMs" END) END`;

const SORT_SQL: Record<TActivitySort, string> = {
  date: `"createdAt"`,
  cost: `"cost"`,
  latency: `coalesce("latencyMs", -1)`,
  speed: SPEED_SQL,
  input: `"promptTokens"`,
  output: `"completionTokens"`,
};

/** Every column the table and the CSV export use, in the order rows come back. Never a content column: Generation has none. */
export const ROW_COLUMN_NAMES = [
  "id",
  "createdAt",
  "model",
  "providerSlug",
  "providerName",
  "upstreamModel",
  "origin",
  "kind",
  "appTitle",
  "appReferer",
  "apiKeyId",
  "streamed",
  "cancelled",
  "status",
  "httpStatus",
  "errorCode",
  "finishReason",
  "latencyMs",
  "firstTokenMs",
  "promptTokens",
  "completionTokens",
  "cost",
  "contentStored",
  "cachedPromptTokens",
  "reasoningTokens",
] as const;
export type TRowColumn = (typeof ROW_COLUMN_NAMES)[number];
export const ROW_COLUMNS = ROW_COLUMN_NAMES.map((name) => `"${name}"`).join(", ");
/** Position of each column in a row read as an array of values (see iterateActivityValues). */
export const COLUMN = Object.fromEntries(ROW_COLUMN_NAMES.map((name, i) => [name, i])) as Record<TRowColumn, number>;

/** A record as the table and its cursors read it: the columns above. */
export type TRawRow = Pick<TGenerationRecord, TRowColumn>;

type TSqlRow = Record<string, unknown>;

export function fromSqlRow(r: TSqlRow): TRawRow {
  return readGeneration(ROW_COLUMN_NAMES, (column) => r[column]);
}

export function fromRowValues(values: readonly unknown[]): TRawRow {
  return readGeneration(ROW_COLUMN_NAMES, (column) => values[COLUMN[column]]);
}

type TSql = { sql: string; params: unknown[] };

/**
 * The index a page reads. Each filter's (userId, <column>, createdAt) index serves equality on the
 * column, a range on createdAt and the date order at once, so for any filtered page it beats the
 * main index — but without statistics (no ANALYZE on a live install) SQLite prefers the main index,
 * which spares it a tie-break sort on id, and then walks every row of the account to find a rare
 * model. So the index is named. With several filters the first present in this order is used
 * (keys and apps are usually the most selective, statuses the least) and the rest are checked row by row.
 * SQLite only: PostgreSQL has no INDEXED BY, keeps statistics through autovacuum and picks by cost.
 */
const FILTER_INDEXES: [keyof TActivityFilters, string][] = [
  ["key", "Generation_userId_apiKeyId_createdAt_idx"],
  ["app", "Generation_userId_appReferer_createdAt_idx"],
  ["model", "Generation_userId_model_createdAt_idx"],
  ["provider", "Generation_userId_providerSlug_createdAt_idx"],
  ["status", "Generation_userId_status_createdAt_idx"],
];
const MAIN_INDEX = "Generation_userId_createdAt_id_idx";

export function indexFor(f: TActivityFilters): string {
  return FILTER_INDEXES.find(([name]) => f[name] !== undefined)?.[1] ?? MAIN_INDEX;
}

/** WHERE clause for one account's records under the table filters. The account is always the first condition. */
export function filterWhere(userId: string, f: TActivityFilters): TSql {
  const conditions = [`"userId" = ?`];
  const params: unknown[] = [userId];
  if (f.from) {
    conditions.push(`"createdAt" >= ?`);
    params.push(f.from);
  }
  if (f.to) {
    conditions.push(`"createdAt" < ?`);
    params.push(f.to);
  }
  const column = (name: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value === NONE) conditions.push(`"${name}" IS NULL`);
    else {
      conditions.push(`"${name}" = ?`);
      params.push(value);
    }
  };
  column("model", f.model);
  column("providerSlug", f.provider);
  column("apiKeyId", f.key);
  column("status", f.status);
  column("appReferer", f.app);
  column("kind", f.kind);
  return { sql: conditions.join(" AND "), params };
}

// ---------------------------------------------------------------------------------------------
// Cursors: opaque to the browser, checked on the way back in.
// ---------------------------------------------------------------------------------------------

export type TCursor = { s: TActivitySort; d: "asc" | "desc"; v: string | number; i: string };

function sortValue(row: TRawRow, sort: TActivitySort): string | number {
  switch (sort) {
    case "date":
      return row.createdAt.toISOString();
    case "cost":
      return row.cost;
    case "latency":
      return row.latencyMs ?? -1;
    case "speed":
      // Recomputed by SQL on the way back; the JS mirror must give the very same double.
      return speedValue(row);
    case "input":
      return row.promptTokens;
    case "output":
      return row.completionTokens;
  }
}

function speedValue(row: TRawRow): number {
  if (row.completionTokens <= 0 || row.latencyMs === null || row.latencyMs <= 0) return -1;
  const afterFirst = row.latencyMs - (row.firstTokenMs ?? 0);
  return (row.completionTokens * 1000.0) / (afterFirst > 0 ? afterFirst : row.latencyMs);
}

export function encodeCursor(row: TRawRow, sort: TActivitySort, dir: "asc" | "desc"): string {
  const cursor: TCursor = { s: sort, d: dir, v: sortValue(row, sort), i: row.id };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** Between the years 1 and 9999: every database can hold and compare it (PostgreSQL's range is narrower than JS's). */
const isStorableTime = (ms: number) => Number.isFinite(ms) && ms >= -62_135_596_800_000 && ms <= 253_402_300_799_999;

function decodeCursor(text: string | null, sort: TActivitySort, dir: "asc" | "desc"): TCursor | null {
  if (!text) return null;
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<TCursor>;
    // A cursor from another sort order would start the page at a meaningless place: ignore it.
    if (c.s !== sort || c.d !== dir || typeof c.i !== "string") return null;
    if (
      sort === "date"
        ? typeof c.v !== "string" || !isStorableTime(Date.parse(c.v))
        : typeof c.v !== "number" || !Number.isFinite(c.v)
    )
      return null;
    // Latency and token counts are integer columns: PostgreSQL refuses a fractional value for them.
    if ((sort === "latency" || sort === "input" || sort === "output") && !Number.isSafeInteger(c.v)) return null;
    return c as TCursor;
  } catch {
    return null;
  }
}

/**
 * The rows after `cursor` in (sort, id) order. Written as a range plus an exclusion, not as
 * `a < x OR (a = x AND id < y)`, so SQLite can seek the index on the sort column.
 */
function keysetSql(sort: TActivitySort, order: "asc" | "desc", cursor: TCursor | null): TSql {
  if (!cursor) return { sql: "", params: [] };
  const expr = SORT_SQL[sort];
  // Prisma's driver adapters (SQLite and PostgreSQL alike) send a fractional number with 16
  // significant digits, which may be another double than the cursor's (a speed often needs 17):
  // the row at the cursor would then compare unequal, and rows tied with it be skipped or repeated
  // forever. The number's shortest exact text is sent instead, and cast back to the same double.
  const isExact = sort === "cost" || sort === "speed";
  const at = isExact ? "CAST(? AS DOUBLE PRECISION)" : "?";
  const value = sort === "date" ? new Date(cursor.v as string) : isExact ? String(cursor.v) : cursor.v;
  return order === "desc"
    ? { sql: ` AND ${expr} <= ${at} AND NOT (${expr} = ${at} AND "id" >= ?)`, params: [value, value, cursor.i] }
    : { sql: ` AND ${expr} >= ${at} AND NOT (${expr} = ${at} AND "id" <= ?)`, params: [value, value, cursor.i] };
}

export function pageSql(
  userId: string,
  filters: TActivityFilters,
  sort: TActivitySort,
  order: "asc" | "desc",
  cursor: TCursor | null,
  limit: number,
  columns = ROW_COLUMNS,
): TSql {
  const where = filterWhere(userId, filters);
  const keyset = keysetSql(sort, order, cursor);
  const dir = order === "desc" ? "DESC" : "ASC";
  const indexed = dialect() === "sqlite" ? ` INDEXED BY "${indexFor(filters)}"` : "";
  return {
    sql: `SELECT ${columns} FROM "Generation"${indexed} WHERE ${where.sql}${keyset.sql} ORDER BY ${SORT_SQL[sort]} ${dir}, "id" ${dir} LIMIT ?`,
    params: [...where.params, ...keyset.params, limit],
  };
}

async function queryRows(sql: TSql): Promise<TRawRow[]> {
  const rows = await rawQuery<TSqlRow[]>(db, sql.sql, ...sql.params);
  return rows.map(fromSqlRow);
}

const dayFloor = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const monthFloor = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
const monthCeil = (d: Date) =>
  d.getTime() === monthFloor(d).getTime() ? d : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));

/**
 * An upper bound of the rows the filters match, from the rollup (which has no kind: a kind filter
 * leaves the bound an upper bound): whole months inside the date range
 * from month rows, the partial months at its edges from day rows (a partial day counts whole), so
 * it reads a few hundred rollup rows whatever the range.
 */
export async function countMatchingUpperBound(userId: string, f: TActivityFilters): Promise<number> {
  const dims: string[] = [];
  const dimParams: unknown[] = [];
  for (const [name, value] of [
    ["model", f.model],
    ["providerSlug", f.provider],
    ["apiKeyId", f.key],
    ["status", f.status],
    ["app", f.app],
  ] as const) {
    if (value === undefined) continue;
    dims.push(` AND "${name}" = ?`);
    dimParams.push(value === NONE ? "" : value);
  }
  const sum = async (unit: "day" | "month", from: Date | null, to: Date | null) => {
    if (from && to && from >= to) return 0;
    const range = `${from ? ` AND "bucketStart" >= ?` : ""}${to ? ` AND "bucketStart" < ?` : ""}`;
    const params = [userId, unit, ...(from ? [from] : []), ...(to ? [to] : []), ...dimParams];
    const [row] = await rawQuery<{ n: unknown }[]>(
      db,
      `SELECT coalesce(sum("requests"), 0) AS n FROM "ActivityRollup" WHERE "userId" = ? AND "unit" = ?${range}${dims.join("")}`,
      ...params,
    );
    // SQLite gives a number or a bigint, PostgreSQL a Decimal for the sum.
    return Number(row?.n ?? 0);
  };
  const dayFrom = f.from ? dayFloor(f.from) : null;
  const monthFrom = dayFrom ? monthCeil(dayFrom) : null;
  const monthTo = f.to ? monthFloor(f.to) : null;
  if (monthFrom && monthTo && monthFrom >= monthTo) return sum("day", dayFrom, f.to ?? null);
  const [months, head, tail] = await Promise.all([
    sum("month", monthFrom, monthTo),
    dayFrom && monthFrom ? sum("day", dayFrom, monthFrom) : 0,
    monthTo && f.to ? sum("day", monthTo, f.to) : 0,
  ]);
  return months + head + tail;
}

export type TActivityPage = {
  rows: TActivityRow[];
  /** Cursor for the next (older, in the default order) page, or null on the last page. */
  nextCursor: string | null;
  /** Cursor for the previous page, or null on the first page. */
  prevCursor: string | null;
  /** The sort actually applied. */
  sort: TActivitySort;
  dir: "asc" | "desc";
  /** Set when the requested sort was refused because too many rows match. */
  sortRefused: { requested: TActivitySort; matching: number; limit: number } | null;
};

export async function findActivityPage(
  userId: string,
  query: Pick<TActivityQuery, "filters" | "sort" | "dir" | "after" | "before">,
  pageSize = PAGE_SIZE,
): Promise<TActivityPage> {
  let { sort, dir } = query;
  let sortRefused: TActivityPage["sortRefused"] = null;
  if (sort !== "date") {
    const matching = await countMatchingUpperBound(userId, query.filters);
    if (matching > MAX_SORTABLE_ROWS) {
      sortRefused = { requested: sort, matching, limit: MAX_SORTABLE_ROWS };
      sort = "date";
      dir = "desc";
    }
  }
  const after = sortRefused ? null : decodeCursor(query.after, sort, dir);
  const before = sortRefused || after ? null : decodeCursor(query.before, sort, dir);
  const reverse = dir === "desc" ? "asc" : "desc";

  if (before) {
    const rows = (await queryRows(pageSql(userId, query.filters, sort, reverse, before, pageSize + 1))).reverse();
    const hasMore = rows.length > pageSize;
    // Paging back onto the first page: show it whole rather than a short page.
    if (hasMore) {
      const page = rows.slice(1);
      return {
        rows: page.map(toActivityRow),
        prevCursor: encodeCursor(page[0]!, sort, dir),
        nextCursor: encodeCursor(page[page.length - 1]!, sort, dir),
        sort,
        dir,
        sortRefused,
      };
    }
  }
  const rows = await queryRows(pageSql(userId, query.filters, sort, dir, after, pageSize + 1));
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  return {
    rows: page.map(toActivityRow),
    nextCursor: hasMore ? encodeCursor(page[page.length - 1]!, sort, dir) : null,
    prevCursor: after && page.length > 0 ? encodeCursor(page[0]!, sort, dir) : null,
    sort,
    dir,
    sortRefused,
  };
}

/**
 * Every record the filters match, newest first, a page at a time, each row an array of values in
 * ROW_COLUMN_NAMES order — for the exports. Each call to next() runs one indexed keyset query
 * (lib/activity/export-reader.ts), so memory stays at one page whatever the total.
 */
export async function* iterateActivityValues(
  userId: string,
  filters: TActivityFilters,
  pageSize = 2_000,
): AsyncGenerator<unknown[][], void, undefined> {
  let cursor: TCursor | null = null;
  for (;;) {
    const sql = pageSql(userId, filters, "date", "desc", cursor, pageSize);
    const { rows } = await readRowArrays(sql.sql, sql.params);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    const createdAt = last[COLUMN.createdAt];
    cursor = {
      s: "date",
      d: "desc",
      v: (createdAt instanceof Date ? createdAt : new Date(createdAt as string)).toISOString(),
      i: last[COLUMN.id] as string,
    };
  }
}

export async function* iterateActivityRows(
  userId: string,
  filters: TActivityFilters,
  pageSize = 2_000,
): AsyncGenerator<TRawRow[], void, undefined> {
  for await (const page of iterateActivityValues(userId, filters, pageSize)) yield page.map(fromRowValues);
}
