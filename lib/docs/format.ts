// Number formatting for the catalog pages. Fixed locale ("en-US") so the server's render and the
// browser's hydration print the same text.
import type { TPriceRange } from "@/lib/docs/types";

const USD = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });
const INTEGER = new Intl.NumberFormat("en-US");

/** A price in USD per million tokens (or per request); 0 is "Free". */
export function formatPrice(usd: number): string {
  return usd === 0 ? "Free" : USD.format(usd);
}

export function formatPriceRange(range: TPriceRange | null): string {
  if (range === null) return "—";
  if (range.min === range.max) return formatPrice(range.min);
  return `${formatPrice(range.min)}–${formatPrice(range.max)}`;
}

export function formatTokens(count: number): string {
  return INTEGER.format(count);
}

/** A fraction as a percentage without float noise: 0.0025 → "0.25%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}
