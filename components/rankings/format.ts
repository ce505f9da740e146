// Number formats for the rankings, fixed to one locale: the page is rendered on the server only.
const COMPACT = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const FULL = new Intl.NumberFormat("en-US");
const PERCENT = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });

export const formatCompact = (n: number) => COMPACT.format(n);
export const formatNumber = (n: number) => FULL.format(n);
const RATE = new Intl.NumberFormat("en", { style: "percent", maximumSignificantDigits: 2 });

export const formatShare = (share: number) => PERCENT.format(share);
/** A sampling rate such as 0.25%: small, so significant digits rather than one decimal. */
export const formatRate = (rate: number) => RATE.format(rate);

export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1);
}
