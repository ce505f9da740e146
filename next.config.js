// Next.js configuration. The /api/v1 gateway is served by the custom server in lib/server
// before requests reach Next (see ARCHITECTURE.md).

// Security headers on every response Next.js serves. The page's Content-Security-Policy carries a
// fresh nonce per request, so proxy.ts sets it; the /api/v1 responses get the same headers from
// lib/api/respond.ts (API_SECURITY_HEADERS), since they never pass through Next.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

// The chat's server action carries the conversation, attachments (base64) included: its body may
// be as large as CHAT_REQUEST_MAX_BYTES in lib/chat/attachments.ts (next-config.test.ts checks they agree).
// The proxy buffers a request's body up to its own limit, so both are raised together.
const CHAT_REQUEST_MAX_BYTES = 24 * 1024 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Several builds can coexist (one per developer checkout or test run) when PRIVET_DIST_DIR differs.
  distDir: process.env.PRIVET_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2"],
  experimental: {
    serverActions: { bodySizeLimit: CHAT_REQUEST_MAX_BYTES },
    proxyClientMaxBodySize: CHAT_REQUEST_MAX_BYTES,
  },
  typescript: { ignoreBuildErrors: true }, // `npm run typecheck` is the type gate; the build need not repeat it
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
