// Number formats for the model picker and the receipt. Fixed locale ("en") so the server render
// and the browser agree.

/** USD per million tokens, e.g. "$0.50", "$12", "$0.075". */
export function formatPricePerMillion(usd: number): string {
  if (usd === 0) return "$0";
  if (usd >= 10) return `$${usd.toLocaleString("en", { maximumFractionDigits: 2 })}`;
  return `$${Number(usd.toPrecision(3)).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}

export function formatModelPrice(price: { prompt: number; completion: number } | null): string {
  if (price === null) return "No price";
  if (price.prompt === 0 && price.completion === 0) return "Free";
  return `${formatPricePerMillion(price.prompt)} in · ${formatPricePerMillion(price.completion)} out per 1M tokens`;
}

/** A request's cost: small amounts keep their significant digits ("$0.0000042"). */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  if (usd >= 0.01) return `$${usd.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`;
  return `$${usd.toLocaleString("en", { maximumSignificantDigits: 2, maximumFractionDigits: 10 })}`;
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toLocaleString("en", { maximumFractionDigits: 2 })} s`;
}

export function formatTokens(count: number): string {
  return count.toLocaleString("en");
}

export function formatContextLength(tokens: number): string {
  if (tokens >= 1000) return `${Math.round(tokens / 1000).toLocaleString("en")}K context`;
  return `${tokens.toLocaleString("en")} context`;
}
