// The custom server: /api/v1/* goes to the lean gateway handler, the operator's /healthz, /readyz
// and /metrics to lib/observability/endpoints.ts, everything else to Next.js.
import http from "node:http";
import { handleApiRequest, isApiPath } from "@/lib/api/router";
import { isProxyTrusted, setClientAddressHeader } from "@/lib/server/client-address";
import { logError } from "@/lib/log";
import { handleOperationsRequest, serveMetricsPort } from "@/lib/observability/endpoints";
import { startObservability } from "@/lib/observability/setup";

export type TPrivetServer = { server: http.Server; url: string; close(): Promise<void> };

type TNextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export async function startHttpServer(options: {
  dir: string;
  dev: boolean;
  host: string;
  port: number;
}): Promise<TPrivetServer> {
  // In production Next.js is loaded and prepared by the first request that is not /api/v1 (a page,
  // an asset, sign-in), which waits for it; a process that only serves the API never carries its
  // memory, nor its patches of Date and crypto on the gateway's hot path (bench/README.md). The
  // dev server starts at once: it compiles on demand anyway and should fail early.
  let nextHandler: Promise<TNextHandler> | null = null;
  const loadNext = (): Promise<TNextHandler> =>
    (nextHandler ??= (async () => {
      const { default: next } = await import("next");
      const app = next({ dev: options.dev, dir: options.dir, hostname: options.host, port: options.port });
      await app.prepare();
      return app.getRequestHandler();
    })().catch((error: unknown) => {
      // Not cached: the next page request tries again.
      nextHandler = null;
      logError("Next.js could not start", error);
      throw error;
    }));
  if (options.dev) await loadNext();

  const isTrusted = isProxyTrusted();
  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
    if (isApiPath(pathname)) {
      void handleApiRequest(req, res);
      return;
    }
    if (handleOperationsRequest(req, res, pathname)) return;
    // Sign-in throttling keys on this; a client must not be able to choose it (client-address.ts).
    setClientAddressHeader(req, isTrusted);
    loadNext()
      .then((handleNext) => handleNext(req, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("Internal error");
      });
  });
  // Requests Node refuses before any handler sees them (headers over 16 KB, malformed HTTP) get the
  // API's error shape too, instead of Node's bare status line. Nothing of the request is echoed.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const isTooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const status = isTooLarge ? 431 : 400;
    const body = JSON.stringify({
      error: {
        code: status,
        message: isTooLarge ? "Request headers are too large (16 KB at most)." : "Malformed HTTP request.",
      },
    });
    socket.end(
      `HTTP/1.1 ${status} ${isTooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `x-content-type-options: nosniff\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  // Clients and load balancers reuse connections; keep them longer than common proxy idle timeouts.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await startObservability({ host: options.host, serveMetrics: serveMetricsPort });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
