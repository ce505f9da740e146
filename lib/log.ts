// The one place that writes Privet's server log (lint: `no-console` everywhere else in lib/, app/,
// components/ and proxy.ts). A line names what failed and, for an error, its class and code —
// never its message: a message can quote a prompt, a submitted value or a provider's answer
// (PRODUCT.md, rule 1).

/** An error as the log may show it: its class, and its code when it has a string one. */
export function describeError(error: unknown): string {
  const name = error instanceof Error ? error.name : error === null ? "null" : typeof error;
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^[\w.-]{1,64}$/.test(code) ? `${name} ${code}` : name;
}

/** A line about normal operation (a purge that deleted something, the server listening). */
export function logInfo(line: string): void {
  console.log(`[privet] ${line}`);
}

/** A failure: `line` says what failed; `error`, when given, is reduced to its class and code. */
export function logError(line: string, error?: unknown): void {
  console.error(error === undefined ? `[privet] ${line}` : `[privet] ${line}: ${describeError(error)}`);
}
