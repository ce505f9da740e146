// Sends visitors without a session to /sign-in?callbackUrl=<where they were going>. An optimistic
// check on the JWT cookie only: pages and server actions verify the account again themselves.
import { withAuth } from "next-auth/middleware";
import { isPublicPath } from "@/lib/auth/public-paths";

export default withAuth({
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

export const config = {
  // Next internals and static files never need a session (and must not be redirected, or a
  // signed-out page would lose its CSS and fonts).
  matcher: [
    "/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|sitemap\\.xml|screenshots/|.*\\.(?:png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf|css|js|map|txt|webmanifest)$).*)",
  ],
};
