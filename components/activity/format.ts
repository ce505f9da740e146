// Number formatting for the activity views, one way everywhere (en-US digits, like the API).

const USD_SMALL = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6 });
const USD = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const INTEGER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const ONE_DECIMAL = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** Costs of single requests are often fractions of a cent: show them to the micro-dollar. */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  return Math.abs(usd) >= 1 ? USD.format(usd) : USD_SMALL.format(usd);
}

export function formatSpend(usd: number): string {
  return Math.abs(usd) >= 100 ? USD.format(usd) : formatCost(usd);
}

export function formatInteger(n: number): string {
  return INTEGER.format(n);
}

export function formatCompact(n: number): string {
  return Math.abs(n) < 10_000 ? INTEGER.format(n) : COMPACT.format(n);
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${INTEGER.format(ms)} ms` : `${ONE_DECIMAL.format(ms / 1000)} s`;
}

export function formatSpeed(tokensPerSecond: number | null): string {
  return tokensPerSecond === null ? "—" : `${ONE_DECIMAL.format(tokensPerSecond)} tok/s`;
}

/** The change from the previous period, e.g. "+12%"; null when there was nothing to compare with. */
export function formatChange(current: number, previous: number): { text: string; direction: "up" | "down" | "flat" } | null {
  if (previous === 0) return current === 0 ? { text: "No change", direction: "flat" } : null;
  const ratio = (current - previous) / previous;
  if (Math.abs(ratio) < 0.0005) return { text: "No change", direction: "flat" };
  const percent = Math.abs(ratio) >= 10 ? INTEGER.format(ratio * 100) : ONE_DECIMAL.format(ratio * 100);
  return { text: `${ratio > 0 ? "+" : ""}${percent}%`, direction: ratio > 0 ? "up" : "down" };
}

const UTC_MINUTE = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const UTC_DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const UTC_MONTH = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** Chart buckets are UTC buckets, so they are labelled in UTC (the chart says so). */
export function formatBucket(iso: string, unit: "minute" | "hour" | "day" | "month"): string {
  const date = new Date(iso);
  if (unit === "minute" || unit === "hour") return UTC_MINUTE.format(date);
  if (unit === "day") return UTC_DAY.format(date);
  return UTC_MONTH.format(date);
}
