// The activity view's state, as it lives in the URL (so a view can be bookmarked, shared with
// oneself and survives a reload): the summary range and chart grouping, the table's filters, sort
// and cursor. Pure: parsed the same way by the page, the CSV route and the browser.
import { z } from "zod";
import { GENERATION_KINDS } from "@/lib/generations/record";

export const ACTIVITY_RANGES = ["hour", "day", "month", "year"] as const;
export type TActivityRange = (typeof ACTIVITY_RANGES)[number];

export const ACTIVITY_GROUPS = ["model", "provider", "key"] as const;
export type TActivityGroup = (typeof ACTIVITY_GROUPS)[number];

export const ACTIVITY_METRICS = ["spend", "tokens", "requests"] as const;
export type TActivityMetric = (typeof ACTIVITY_METRICS)[number];

export const ACTIVITY_SORTS = ["date", "cost", "latency", "speed", "input", "output"] as const;
export type TActivitySort = (typeof ACTIVITY_SORTS)[number];

export const ACTIVITY_STATUSES = ["success", "error", "cancelled"] as const;
export type TActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/**
 * The filter value for "none": no provider served it, no API key (the chat page), no referer (app
 * "Unknown"). Provider slugs and key ids cannot contain parentheses, so it cannot name a real one.
 */
export const NONE = "(none)";

// No stored value holds U+0000 (PostgreSQL text cannot): such a filter is dropped like any other that does not parse.
const ZText = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((s) => !s.includes("\u0000"));
const ZInstant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const ZDay = z.iso.date().transform((s) => new Date(`${s}T00:00:00.000Z`));
/** Either a full ISO instant (what the page writes) or a bare UTC day (handy when typing a URL). */
const ZWhen = z.union([ZInstant, ZDay]);
const ZCursor = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/);

export const ZActivityFilters = z.object({
  from: ZWhen.optional(),
  /** Exclusive end. */
  to: ZWhen.optional(),
  model: ZText.optional(),
  provider: ZText.optional(),
  key: ZText.optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  app: ZText.optional(),
  /** The API the request came through (chat, messages, responses, completions, embeddings). */
  kind: z.enum(GENERATION_KINDS).optional(),
});
export type TActivityFilters = z.output<typeof ZActivityFilters>;

export type TActivityQuery = {
  range: TActivityRange;
  group: TActivityGroup;
  metric: TActivityMetric;
  filters: TActivityFilters;
  sort: TActivitySort;
  dir: "asc" | "desc";
  after: string | null;
  before: string | null;
};

export const DEFAULT_QUERY: TActivityQuery = {
  range: "day",
  group: "model",
  metric: "spend",
  filters: {},
  sort: "date",
  dir: "desc",
  after: null,
  before: null,
};

type TParams = URLSearchParams | Record<string, string | string[] | undefined>;

function read(params: TParams, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? (params.get(name) ?? undefined) : params[name];
  return Array.isArray(value) ? value[0] : value;
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * Reads the view from URL parameters. A hand-edited or stale URL never breaks the page: each
 * parameter that does not parse is dropped on its own and the rest still apply.
 */
export function parseActivityQuery(params: TParams): TActivityQuery {
  const filters: TActivityFilters = {};
  for (const name of Object.keys(ZActivityFilters.shape) as (keyof TActivityFilters)[]) {
    const raw = read(params, name);
    if (raw === undefined || raw === "") continue;
    const parsed = ZActivityFilters.shape[name].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) (filters as Record<string, unknown>)[name] = parsed.data;
  }
  const cursor = (name: string) => {
    const parsed = ZCursor.safeParse(read(params, name));
    return parsed.success ? parsed.data : null;
  };
  const after = cursor("after");
  return {
    range: pick(read(params, "range"), ACTIVITY_RANGES, DEFAULT_QUERY.range),
    group: pick(read(params, "group"), ACTIVITY_GROUPS, DEFAULT_QUERY.group),
    metric: pick(read(params, "metric"), ACTIVITY_METRICS, DEFAULT_QUERY.metric),
    filters,
    sort: pick(read(params, "sort"), ACTIVITY_SORTS, DEFAULT_QUERY.sort),
    dir: pick(read(params, "dir"), ["asc", "desc"] as const, DEFAULT_QUERY.dir),
    after,
    before: after ? null : cursor("before"),
  };
}

/** The URL parameters for a view; defaults are left out so URLs stay short. */
export function activitySearchParams(query: TActivityQuery): URLSearchParams {
  const out = new URLSearchParams();
  if (query.range !== DEFAULT_QUERY.range) out.set("range", query.range);
  if (query.group !== DEFAULT_QUERY.group) out.set("group", query.group);
  if (query.metric !== DEFAULT_QUERY.metric) out.set("metric", query.metric);
  const f = query.filters;
  if (f.from) out.set("from", f.from.toISOString());
  if (f.to) out.set("to", f.to.toISOString());
  for (const name of ["model", "provider", "key", "status", "app", "kind"] as const) {
    const value = f[name];
    if (value) out.set(name, value);
  }
  if (query.sort !== DEFAULT_QUERY.sort) out.set("sort", query.sort);
  if (query.dir !== DEFAULT_QUERY.dir) out.set("dir", query.dir);
  if (query.after) out.set("after", query.after);
  else if (query.before) out.set("before", query.before);
  return out;
}

export function activityHref(query: TActivityQuery, path = "/activity"): string {
  const qs = activitySearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

/** Only the table filters, for the CSV link: the export holds every row these match. */
export function filterSearchParams(filters: TActivityFilters): URLSearchParams {
  return activitySearchParams({ ...DEFAULT_QUERY, filters });
}

export function hasFilters(filters: TActivityFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}
