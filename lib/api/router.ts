// The lean /api/v1 handler. It runs in the custom server before Next.js, so the gateway's hot path
// pays for no framework routing (ARCHITECTURE.md, "Why a custom server").
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticateBearer } from "@/lib/auth/bearer";
import { AppError } from "@/lib/errors";
import type { TKeyOwner } from "@/lib/keys/api-keys";
import { sendError, sendUnexpected, setSecurityHeaders } from "@/lib/api/respond";
import { apiKeyLimiter } from "@/lib/ratelimit/limits";
import { getKeyRoute } from "@/lib/api/routes/key";
import { chatCompletionsRoute, recordRefusedChat } from "@/lib/api/routes/chat-completions";
import { listModelsRoute, listProvidersRoute, modelEndpointsRoute } from "@/lib/api/routes/catalog";
import { getGenerationRoute } from "@/lib/api/routes/generation";
import { getGenerationContentRoute } from "@/lib/api/routes/generation-content";
import { getActivityRoute } from "@/lib/api/routes/activity";

export type TApiContext = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  owner: TKeyOwner;
  requestId: string;
};

type TRoute = {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  names: string[];
  isPublic?: boolean;
  handler: (ctx: TApiContext) => Promise<void>;
  /** Called when an authenticated request is refused before its handler runs (rate limit). */
  onRefused?: (ctx: TApiContext, error: AppError) => Record<string, string> | void;
};

const routes: TRoute[] = [];

export function registerRoute(route: TRoute): void {
  routes.push(route);
}

registerRoute({ method: "POST", pattern: /^\/api\/v1\/chat\/completions$/, names: [], handler: chatCompletionsRoute, onRefused: recordRefusedChat });
registerRoute({ method: "GET", pattern: /^\/api\/v1\/key$/, names: [], handler: getKeyRoute });
registerRoute({ method: "GET", pattern: /^\/api\/v1\/generation$/, names: [], handler: getGenerationRoute });
registerRoute({ method: "GET", pattern: /^\/api\/v1\/generation\/content$/, names: [], handler: getGenerationContentRoute });
registerRoute({ method: "GET", pattern: /^\/api\/v1\/activity$/, names: [], handler: getActivityRoute });
registerRoute({ method: "GET", pattern: /^\/api\/v1\/models$/, names: [], isPublic: true, handler: listModelsRoute });
registerRoute({ method: "GET", pattern: /^\/api\/v1\/models\/([^/]+)\/([^/]+)\/endpoints$/, names: ["author", "slug"], isPublic: true, handler: modelEndpointsRoute });
registerRoute({ method: "GET", pattern: /^\/api\/v1\/providers$/, names: [], isPublic: true, handler: listProvidersRoute });

const ANONYMOUS: TKeyOwner = { userId: "", keyId: "", keyName: "", prefix: "", createdAt: new Date(0) };

export function isApiPath(pathname: string): boolean {
  return pathname === "/api/v1" || pathname.startsWith("/api/v1/");
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = crypto.randomUUID();
  setSecurityHeaders(res);
  try {
    const url = new URL(req.url ?? "/", "http://privet.local");
    const candidates = routes.filter((r) => r.pattern.test(url.pathname));
    if (candidates.length === 0) throw new AppError("not_found", `No API route ${url.pathname}.`);
    const route = candidates.find((r) => r.method === req.method);
    if (!route) {
      throw new AppError("bad_request", `Method ${req.method} is not allowed on ${url.pathname}.`, {
        status: 405,
        headers: { allow: [...new Set(candidates.map((r) => r.method))].join(", ") },
      });
    }
    const match = route.pattern.exec(url.pathname)!;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? "")));
    } catch {
      throw new AppError("bad_request", "Malformed URL encoding in the path.");
    }
    const owner = route.isPublic ? ANONYMOUS : await authenticateBearer(req.headers.authorization);
    const ctx: TApiContext = { req, res, url, params, owner, requestId };
    if (!route.isPublic) {
      const decision = await apiKeyLimiter().hit(owner.keyId);
      if (!decision.isAllowed) {
        const error = new AppError("rate_limited", `Rate limit exceeded for this API key; retry in ${decision.retryAfterSeconds} s.`, {
          metadata: { code: "rate_limited", retry_after_seconds: decision.retryAfterSeconds },
          headers: { "retry-after": String(decision.retryAfterSeconds) },
        });
        const extra = route.onRefused?.(ctx, error);
        req.resume();
        sendError(res, error, extra ?? {});
        return;
      }
    }
    await route.handler(ctx);
  } catch (error) {
    if (error instanceof AppError) sendError(res, error);
    else sendUnexpected(res, error, requestId);
  }
}
