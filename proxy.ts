// Every page request: next-auth's check, which sends visitors without a session to
// /sign-in?callbackUrl=<where they were going>, then a Content-Security-Policy with a fresh nonce
// (Next.js reads it from the request header and puts it on its own scripts). The session check is
// an optimistic one on the JWT cookie only: pages and server actions verify the account again themselves.
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { isPublicPath } from "@/lib/auth/public-paths";

/**
 * Scripts run only with this request's nonce (and what they load: 'strict-dynamic'). Styles allow
 * inline: React renders style attributes and the toaster injects a <style> element, neither of
 * which can carry a nonce. Nothing may frame a page, and nothing loads from another origin.
 */
function contentSecurityPolicy(nonce: string): string {
  const isDev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // Next's dev server rebuilds error stacks with eval; a production build never evaluates strings.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function withContentSecurityPolicy(req: NextRequest): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", policy);
  return res;
}

const requireSession = withAuth({
  pages: { signIn: "/sign-in" },
  callbacks: {
    authorized: ({ req, token }) =>
      token !== null ||
      isPublicPath(req.nextUrl.pathname) ||
      // Server actions check the session themselves and answer "session ended" in their result; a
      // redirect here would reach the form as an unreadable response. Only POSTs can run an action,
      // so the header opens no page.
      (req.method === "POST" && req.headers.has("next-action")),
  },
});

export default async function proxy(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  // A redirect to sign-in renders nothing. Otherwise — the sign-in page included, which next-auth
  // lets through without asking — the page is rendered under the policy.
  const redirect = await requireSession(req as NextRequestWithAuth, event);
  if (redirect) return redirect;
  return withContentSecurityPolicy(req);
}

export const config = {
  // Next internals and static files never need a session (and must not be redirected, or a
  // signed-out page would lose its CSS and fonts).
  matcher: [
    "/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|screenshots/|.*\\.(?:png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|css|js|map|txt|webmanifest)$).*)",
  ],
};
