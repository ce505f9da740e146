// Small helpers shared by the adapters. Nothing here reads or reports message content.
import type { TUsage } from "./types";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `${baseUrl}${path}` without doubling the slash when the catalog's baseUrl ends with one. */
export function joinUrl(baseUrl: string, path: string): string {
  let end = baseUrl.length;
  while (end > 0 && baseUrl.charCodeAt(end - 1) === 47) end--;
  return baseUrl.slice(0, end) + path;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Upstream usage, or undefined when it is absent or not numbers (the router then estimates). */
export function normalizeUsage(value: unknown): TUsage | undefined {
  if (!isRecord(value)) return undefined;
  const prompt = count(value.prompt_tokens);
  const completion = count(value.completion_tokens);
  if (prompt === undefined && completion === undefined) return undefined;
  const p = prompt ?? 0;
  const c = completion ?? 0;
  const total = count(value.total_tokens) ?? p + c;
  // Keep extra detail fields (cached tokens, reasoning tokens) that clients may read.
  return { ...value, prompt_tokens: p, completion_tokens: c, total_tokens: total } as TUsage;
}

/**
 * A short machine tag from an upstream error object (`rate_limit_exceeded`, `overloaded_error`,
 * 429), for the router's decisions and logs. Only identifier-like values pass: an upstream's
 * free-text message can quote the prompt, so it is never used.
 */
export function errorTag(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  for (const key of ["type", "code"] as const) {
    const v = error[key];
    if (typeof v === "number" && Number.isInteger(v)) return String(v);
    if (typeof v === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(v)) return v;
  }
  return undefined;
}

export function withTag(message: string, tag: string | undefined): string {
  return tag === undefined ? message : `${message} (${tag})`;
}
