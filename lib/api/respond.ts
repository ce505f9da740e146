// Response helpers for the lean /api/v1 handler. Every error leaves in OpenRouter's shape
// `{ error: { code, message, metadata } }` — never an HTML page, never a stack trace.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError, errorBody } from "@/lib/errors";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: AppError, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.status, errorBody(error), { ...error.headers, ...headers });
}

/** Unexpected failures: logged with a request id and the error's class/message only, never the body. */
export function sendUnexpected(res: ServerResponse, error: unknown, requestId: string): void {
  const name = error instanceof Error ? error.name : typeof error;
  console.error(`[privet] ${requestId} internal error: ${name}`);
  sendError(res, new AppError("internal", `Internal error (request ${requestId}).`));
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON body up to 1 MiB. Over the limit: 413; not JSON: 400. Neither echoes the body. */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new AppError("payload_too_large", "Request body is larger than 1 MiB."));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        chunks.length = 0;
        reject(new AppError("payload_too_large", "Request body is larger than 1 MiB."));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (failed) return;
      const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
      if (!text.trim()) {
        reject(new AppError("bad_request", "Request body is empty: send a JSON object.", { metadata: { field: "body" } }));
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new AppError("bad_request", "Request body is not valid JSON.", { metadata: { field: "body" } }));
      }
    });
    req.on("error", (error) => {
      if (!failed) reject(error);
    });
  });
}
