// The lean /api/v1 handler. It runs in the custom server before Next.js, so the gateway's hot path
// pays for no framework routing (ARCHITECTURE.md, "Why a custom server").
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateBearer } from "@/lib/auth/bearer";
import { AppError } from "@/lib/errors";
import type { TKeyOwner } from "@/lib/keys/api-keys";
import { API_SECURITY_HEADERS, sendError, sendUnexpected } from "@/lib/api/respond";
import { corsHeaders, preflightHeaders } from "@/lib/api/cors";
import { apiKeyLimiter } from "@/lib/ratelimit/limits";
import type { TApiContext, TApiRoute } from "@/lib/api/context";
import { API_ROUTES } from "@/lib/api/route-table";
import { compilePathTemplate, type TPathMatcher } from "@/lib/api/path-template";
import { observeRateLimited } from "@/lib/observability/hooks";
import { keyAccessRefusal, keyRateRefusal } from "@/lib/keys/guardrails";
import { NO_GUARDRAILS } from "@/lib/keys/guardrails-schema";

type TRoute = TApiRoute & TPathMatcher;

/** The route table with each template compiled once. */
const routes: TRoute[] = API_ROUTES.map((route) => ({ ...route, ...compilePathTemplate(route.path) }));

const ANONYMOUS: TKeyOwner = {
  userId: "",
  keyId: "",
  keyName: "",
  prefix: "",
  createdAt: new Date(0),
  disabled: false,
  isManagement: false,
  guardrails: NO_GUARDRAILS,
};

/** The instance's per-key limit (PRIVET_RATE_LIMIT_PER_MINUTE), as a refusal. */
async function instanceRateRefusal(owner: TKeyOwner): Promise<AppError | null> {
  const decision = await apiKeyLimiter().hit(owner.keyId);
  if (decision.isAllowed) return null;
  return new AppError(
    "rate_limited",
    `Rate limit exceeded for this API key; retry in ${decision.retryAfterSeconds} s.`,
    {
      metadata: { code: "rate_limited", retry_after_seconds: decision.retryAfterSeconds },
      headers: { "retry-after": String(decision.retryAfterSeconds) },
    },
  );
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api/v1" || pathname.startsWith("/api/v1/");
}

/** A path made of these characters is its own WHATWG pathname (no dots, escapes or backslashes to normalize). */
const PLAIN_PATH = /^\/[A-Za-z0-9/_-]*$/;
const NO_PARAMS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** The request's path as `new URL()` gives it; plain paths (every hot-path request) skip building a URL. */
function pathnameOf(rawUrl: string): string {
  const q = rawUrl.indexOf("?");
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  return PLAIN_PATH.test(path) ? path : new URL(rawUrl, "http://privet.local").pathname;
}

/** The context handed to a route; the parsed URL and the request id are made only when asked for. */
class ApiContext implements TApiContext {
  #url: URL | null = null;
  #requestId: string | null = null;
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly params: Record<string, string>,
    readonly owner: TKeyOwner,
  ) {}
  get url(): URL {
    return (this.#url ??= new URL(this.req.url ?? "/", "http://privet.local"));
  }
  get requestId(): string {
    return (this.#requestId ??= crypto.randomUUID());
  }
}

function paramsOf(route: TRoute, pathname: string): Record<string, string> {
  if (route.names.length === 0) return NO_PARAMS;
  const match = route.pattern.exec(pathname)!;
  const params: Record<string, string> = {};
  try {
    for (let i = 0; i < route.names.length; i++) params[route.names[i]!] = decodeURIComponent(match[i + 1] ?? "");
  } catch {
    throw new AppError("bad_request", "Malformed URL encoding in the path.");
  }
  return params;
}

/** The key as `Authorization: Bearer`; on a route that accepts it, from `x-api-key` when that is all there is. */
function authorizationOf(req: IncomingMessage, route: TRoute): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization || !route.acceptsXApiKey) return authorization;
  const key = req.headers["x-api-key"];
  return typeof key === "string" && key.length > 0 ? `Bearer ${key}` : undefined;
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let ctx: ApiContext | null = null;
  let route: TRoute | undefined;
  try {
    if (req.method === "OPTIONS") {
      // A browser's preflight: answered for any API path, without a key (it carries none).
      req.resume();
      res.writeHead(204, { ...API_SECURITY_HEADERS, ...preflightHeaders(req) });
      res.end();
      return;
    }
    // Only a browser sends Origin: server-side clients pay nothing here.
    if (req.headers.origin !== undefined) {
      const cors = corsHeaders(req);
      if (cors) for (const name in cors) res.setHeader(name, cors[name]!);
    }
    const pathname = pathnameOf(req.url ?? "/");
    let isKnownPath = false;
    for (const candidate of routes) {
      if (!candidate.pattern.test(pathname)) continue;
      isKnownPath = true;
      if (candidate.method === req.method) {
        route = candidate;
        break;
      }
    }
    if (!isKnownPath) throw new AppError("not_found", `No API route ${pathname}.`);
    if (!route) {
      const methods = routes.filter((r) => r.pattern.test(pathname)).map((r) => r.method);
      throw new AppError("bad_request", `Method ${req.method} is not allowed on ${pathname}.`, {
        status: 405,
        headers: { allow: [...new Set(methods)].join(", ") },
      });
    }
    const params = paramsOf(route, pathname);
    const isPublic = route.auth === "none";
    const owner = isPublic ? ANONYMOUS : await authenticateBearer(authorizationOf(req, route));
    ctx = new ApiContext(req, res, params, owner);
    if (route.auth !== "none") {
      const error =
        keyAccessRefusal(owner, route.auth, route.isAnyKeyKind) ??
        (await instanceRateRefusal(owner)) ??
        (await keyRateRefusal(owner));
      if (error) {
        if (error.status === 429) observeRateLimited(route.path);
        const extra = route.onRefused?.(ctx, error);
        req.resume();
        sendError(res, error, extra ?? {}, route.errorBody);
        return;
      }
    }
    await route.handler(ctx);
  } catch (error) {
    if (error instanceof AppError) sendError(res, error, {}, route?.errorBody);
    else sendUnexpected(res, error, ctx ? ctx.requestId : crypto.randomUUID(), route?.errorBody);
  }
}
