// Small helpers shared by the adapters. Nothing here reads or reports message content.
export { errorTag } from "./provider-values";

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

export function withTag(message: string, tag: string | undefined): string {
  return tag === undefined ? message : `${message} (${tag})`;
}
