// The operator's endpoints, answered by the custom server before Next.js and outside /api/v1:
// GET /healthz (the process is alive), GET /readyz (it may take traffic: readiness.ts) and
// GET /metrics (Prometheus; only with PRIVET_METRICS_TOKEN as a Bearer token here, or on
// PRIVET_METRICS_PORT). Unauthenticated where they say nothing: check names, never details.
import cluster from "node:cluster";
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setting } from "@/lib/env";
import { API_SECURITY_HEADERS, sendJson } from "@/lib/api/respond";
import { logError } from "@/lib/log";
import { failingReadinessChecks } from "@/lib/observability/readiness";
import { metricsRegistry } from "@/lib/observability/setup";
import { createClusterMetricsClient } from "@/lib/observability/cluster-metrics";
import { singleton } from "@/lib/singleton";

const OPERATIONS_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz", "/metrics"]);

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = "text/plain; charset=utf-8",
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...API_SECURITY_HEADERS,
    "content-type": contentType,
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

async function sendReadiness(res: ServerResponse): Promise<void> {
  const failing = await failingReadinessChecks();
  sendJson(
    res,
    failing.length === 0 ? 200 : 503,
    failing.length === 0 ? { status: "ready" } : { status: "not ready", failing },
  );
}

/** Compares hashes, so the time taken says nothing about how much of the token matched. */
function isTokenValid(authorization: string | undefined, token: string): boolean {
  const given = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length).trim() : "";
  const digest = (value: string) => crypto.createHash("sha256").update(value).digest();
  return given.length > 0 && crypto.timingSafeEqual(digest(given), digest(token));
}

/**
 * /metrics: 404 while metrics are off (or are served on their own port only); 401 without the
 * token when one is set. `isMetricsPort`: the request came in on PRIVET_METRICS_PORT.
 */
async function sendMetrics(req: IncomingMessage, res: ServerResponse, isMetricsPort: boolean): Promise<void> {
  const registry = metricsRegistry();
  const token = setting("PRIVET_METRICS_TOKEN");
  if (!registry || (!isMetricsPort && token === undefined)) {
    sendText(res, 404, "Not found\n");
    return;
  }
  if (token !== undefined && !isTokenValid(req.headers.authorization, token)) {
    sendText(res, 401, "A metrics token is needed (Authorization: Bearer).\n", undefined, {
      "www-authenticate": "Bearer",
    });
    return;
  }
  if (!cluster.isWorker) {
    sendText(res, 200, await registry.metrics(), registry.contentType);
    return;
  }
  // A worker answers for every worker of the instance (PRIVET_WORKERS).
  try {
    const { text, contentType } = await clusterMetrics()();
    sendText(res, 200, text, contentType);
  } catch (error) {
    logError("collecting the workers' metrics failed", error);
    sendText(res, 503, "Metrics are not available right now.\n");
  }
}

const clusterMetrics = () => singleton("cluster-metrics-client", createClusterMetricsClient);

/** Answers /healthz, /readyz and /metrics; false for any other path (the caller goes on). */
export function handleOperationsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  isMetricsPort = false,
): boolean {
  if (!OPERATIONS_PATHS.has(pathname)) return false;
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendText(res, 405, "Method not allowed\n", undefined, { allow: "GET, HEAD" });
    return true;
  }
  const answer =
    pathname === "/healthz"
      ? Promise.resolve(sendJson(res, 200, { status: "ok" }))
      : pathname === "/readyz"
        ? sendReadiness(res)
        : sendMetrics(req, res, isMetricsPort);
  answer.catch((error: unknown) => {
    logError(`${pathname} failed`, error);
    if (!res.headersSent) sendText(res, 500, "Internal error\n");
    else res.destroy();
  });
  return true;
}

/** The request listener of PRIVET_METRICS_PORT: /metrics without the main port's other paths (the health checks too). */
export function serveMetricsPort(req: IncomingMessage, res: ServerResponse): void {
  const rawUrl = req.url ?? "/";
  const q = rawUrl.indexOf("?");
  if (!handleOperationsRequest(req, res, q === -1 ? rawUrl : rawUrl.slice(0, q), true))
    sendText(res, 404, "Not found\n");
}
