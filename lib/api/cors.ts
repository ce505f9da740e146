// CORS for /api/v1: browser apps call the API with a bearer key, as they call OpenRouter. Only
// bearer-key requests are meant: no response ever allows credentials, so a browser never sends
// Privet's session cookie along. Allowed origins: PRIVET_CORS_ORIGINS (README, "Configuration";
// `*` by default, like OpenRouter). A preflight (OPTIONS) is answered without authentication.
import type { IncomingMessage } from "node:http";
import { setting } from "@/lib/env";

/**
 * What clients send: the key and body, OpenRouter's app attribution headers (its SDKs send the
 * X-OpenRouter-* ones), and any other header by the wildcard (which never covers Authorization,
 * hence its name first).
 */
export const CORS_ALLOWED_HEADERS =
  "Authorization, Content-Type, Accept, HTTP-Referer, X-Title, X-OpenRouter-Title, X-OpenRouter-Categories, X-OpenRouter-Metadata, *";
export const CORS_ALLOWED_METHODS = "GET, POST, OPTIONS";
/** Privet's receipt headers and Retry-After, readable by the calling page. */
export const CORS_EXPOSED_HEADERS =
  "X-Privet-Generation-Id, X-Privet-Provider, X-Privet-Data-Policy, X-Privet-Content-Stored, Retry-After";

/** The CORS headers for a response to this request: none without an Origin header or for an origin not allowed. */
export function corsHeaders(req: IncomingMessage): Record<string, string> | null {
  const origin = req.headers.origin;
  if (typeof origin !== "string") return null;
  const allowed = setting("PRIVET_CORS_ORIGINS");
  if (allowed[0] === "*")
    return { "access-control-allow-origin": "*", "access-control-expose-headers": CORS_EXPOSED_HEADERS };
  if (!allowed.includes(origin)) return null;
  return {
    "access-control-allow-origin": origin,
    "access-control-expose-headers": CORS_EXPOSED_HEADERS,
    vary: "Origin",
  };
}

/** The answer to a preflight: which methods and headers the actual request may use, cached for 10 minutes. */
export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const cors = corsHeaders(req);
  const allow = { allow: CORS_ALLOWED_METHODS };
  if (!cors) return allow;
  return {
    ...allow,
    ...cors,
    "access-control-allow-methods": CORS_ALLOWED_METHODS,
    "access-control-allow-headers": CORS_ALLOWED_HEADERS,
    "access-control-max-age": "600",
  };
}
