// Which pages open without a session. proxy.ts sends everyone else to sign-in; pages and server
// actions check the session again themselves, so this list is a convenience, not the only gate.

const PUBLIC_EXACT = new Set(["/", "/sign-in", "/sign-up"]);
// The catalog pages are public so people can judge providers before signing up. /api/v1
// authenticates with API keys and /api/auth is next-auth's own endpoint.
const PUBLIC_PREFIXES = ["/docs", "/models", "/providers", "/api/auth", "/api/v1"];

export function isPublicPath(pathname: string): boolean {
  if (PUBLIC_EXACT.has(pathname)) return true;
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
