// How Privet prints numbers and dates, one rule per quantity, everywhere (chat receipt, activity,
// catalog pages, rankings). Pure and fixed to one locale (en-US digits, like the API), so a server
// render and the browser's hydration print the same text.

const USD_SIGNIFICANT = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumSignificantDigits: 2,
});
const USD_CENTS = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const USD_SUB_DOLLAR = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const INTEGER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const TWO_DECIMALS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const PERCENT_WHOLE = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });
const PERCENT_ONE_DECIMAL = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const PERCENT_SIGNIFICANT = new Intl.NumberFormat("en-US", { style: "percent", maximumSignificantDigits: 2 });

/**
 * A dollar amount: under a cent two significant digits ("$0.0000042"), under a dollar two to four
 * decimals ("$0.0123", "$0.50"), from a dollar on cents ("$12.30").
 */
function formatUsd(usd: number): string {
  const size = Math.abs(usd);
  if (size < 0.01) return USD_SIGNIFICANT.format(usd);
  return size < 1 ? USD_SUB_DOLLAR.format(usd) : USD_CENTS.format(usd);
}

/** What was spent: one request's cost or a total over many; nothing is "$0". */
export function formatCost(usd: number): string {
  return usd === 0 ? "$0" : formatUsd(usd);
}

/** A price in USD per million tokens (or per request): "$0.075", "$10.00"; nothing is "Free". */
export function formatPricePerMillion(usd: number): string {
  return usd === 0 ? "Free" : formatUsd(usd);
}

/** The prices of a model's endpoints, "$0.05–$2.00"; "—" when it has none. */
export function formatPriceRange(range: { min: number; max: number } | null): string {
  if (range === null) return "—";
  if (range.min === range.max) return formatPricePerMillion(range.min);
  return `${formatPricePerMillion(range.min)}–${formatPricePerMillion(range.max)}`;
}

/** A model's prompt and completion price in one line, as the model picker shows it. */
export function formatModelPrice(price: { prompt: number; completion: number } | null): string {
  if (price === null) return "No price";
  if (price.prompt === 0 && price.completion === 0) return "Free";
  return `${formatPricePerMillion(price.prompt)} in · ${formatPricePerMillion(price.completion)} out per 1M tokens`;
}

/** A duration: under a second in whole milliseconds ("420 ms"), else seconds ("1.23 s"); "—" when unknown. */
export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  const rounded = Math.round(ms);
  return rounded < 1000 ? `${INTEGER.format(rounded)} ms` : `${TWO_DECIMALS.format(ms / 1000)} s`;
}

/** A count (tokens, requests, samples, accounts) in full: "131,072". */
export function formatInteger(n: number): string {
  return INTEGER.format(n);
}

/** A count where space is short: exact below 10,000, then "12.3K", "1.2M". */
export function formatCompact(n: number): string {
  return Math.abs(n) < 10_000 ? INTEGER.format(n) : COMPACT.format(n);
}

/** A context window in the model picker: "4,096 context", "131.1K context". */
export function formatContextLength(tokens: number): string {
  return `${formatCompact(tokens)} context`;
}

/**
 * A fraction as a percentage (a share, a rate, a change): "12.3%", "10%"; small ones keep two
 * significant digits ("0.25%"), huge ones drop the decimal ("1,235%").
 */
export function formatPercent(fraction: number): string {
  const size = Math.abs(fraction);
  if (size === 0) return PERCENT_WHOLE.format(0);
  if (size < 0.01) return PERCENT_SIGNIFICANT.format(fraction);
  return size >= 10 ? PERCENT_WHOLE.format(fraction) : PERCENT_ONE_DECIMAL.format(fraction);
}

/** The change from the previous period, e.g. "+12%"; null when there was nothing to compare with. */
export function formatChange(
  current: number,
  previous: number,
): { text: string; direction: "up" | "down" | "flat" } | null {
  if (previous === 0) return current === 0 ? { text: "No change", direction: "flat" } : null;
  const ratio = (current - previous) / previous;
  if (Math.abs(ratio) < 0.0005) return { text: "No change", direction: "flat" };
  return { text: `${ratio > 0 ? "+" : ""}${formatPercent(ratio)}`, direction: ratio > 0 ? "up" : "down" };
}

/** Output speed: "41.5 tok/s"; "—" when unknown. */
export function formatSpeed(tokensPerSecond: number | null): string {
  return tokensPerSecond === null ? "—" : `${ONE_DECIMAL.format(tokensPerSecond)} tok/s`;
}

/** A rankings category as a label: "legal" → "Legal". */
export function formatCategory(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}

const UTC_MINUTE = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const UTC_DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const LOCAL_DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const UTC_MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/**
 * A day as "16 Jun": in UTC for what the server renders (chart buckets are UTC buckets), in the
 * browser's time zone for what only the browser renders (its own conversations).
 */
export function formatDay(date: Date, zone: "utc" | "local"): string {
  return zone === "utc" ? UTC_DAY.format(date) : LOCAL_DAY.format(date);
}

const UTC_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A calendar day in UTC with its year, "30 Jun 2099" (an API key's expiry). */
export function formatUtcDate(date: Date): string {
  return UTC_DATE.format(date);
}

/** A chart bucket's label, in UTC like the buckets themselves (the chart says so). */
export function formatBucket(iso: string, unit: "minute" | "hour" | "day" | "month"): string {
  const date = new Date(iso);
  if (unit === "minute" || unit === "hour") return UTC_MINUTE.format(date);
  if (unit === "day") return formatDay(date, "utc");
  return UTC_MONTH.format(date);
}
