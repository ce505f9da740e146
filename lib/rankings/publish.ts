// Rounding of every published figure (PRODUCT.md rule 7). Counts are rounded to two significant
// figures, and never finer than tens, so two views that differ by one account's usage do not show
// its exact count; shares are computed from the rounded figures and given in whole percents, so they
// tell nothing the rounded figures do not. Pure: no I/O.

/** `n` to two significant figures, in steps of at least 10; a positive count is never shown as 0. */
export function roundFigure(n: number): number {
  if (!(n > 0)) return 0;
  const digits = String(Math.floor(Math.max(n, 1))).length;
  const step = Math.max(10, 10 ** (digits - 2));
  return Math.max(step, Math.round(n / step) * step);
}

/** `part / total` in whole percents (0.37 for 37%), 0 for an empty total. */
export function wholePercent(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 100) / 100 : 0;
}
