// Where to send someone after they sign in or up. Only same-origin relative paths are accepted:
// anything else (absolute URLs, protocol-relative `//host`, backslash tricks) falls back, so the
// sign-in page can never be used as an open redirect.

export const DEFAULT_AFTER_SIGN_IN = "/chat";

const PROBE_ORIGIN = "http://privet.invalid";
// Sending someone back to an auth page after signing in would be a loop or a surprise.
const NOT_A_DESTINATION = new Set(["/sign-in", "/sign-up", "/sign-out"]);

export function safeCallbackPath(raw: unknown, fallback: string = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//")) return fallback;
  // Browsers treat `\` like `/` and drop tabs and newlines, so `/\evil.com` would leave the origin.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  if (NOT_A_DESTINATION.has(url.pathname) || url.pathname.startsWith("/api/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

export type TSearchParams = Record<string, string | string[] | undefined>;

/** The safe destination named by a page's `?callbackUrl=` (the first one, if repeated). */
export function callbackPathFrom(searchParams: TSearchParams, fallback?: string): string {
  const raw = searchParams.callbackUrl;
  return safeCallbackPath(Array.isArray(raw) ? raw[0] : raw, fallback);
}
