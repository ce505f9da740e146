// Response helpers for the lean /api/v1 handler. Every error leaves in the documented shape
// `{ error: { code, message, metadata } }` — never an HTML page, never a stack trace.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError, errorBody } from "@/lib/errors";
import { logError } from "@/lib/log";
import { setting } from "@/lib/env";

/**
 * Sent with every /api/v1 response, JSON and SSE alike (they bypass Next.js, so next.config.js's
 * headers() does not reach them; the same values are set there for pages). An API response is
 * never a document: it may load nothing and be framed by no one.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/**
 * Every /api/v1 response is written by sendJson or the SSE head in surface-route.ts, and
 * both pass API_SECURITY_HEADERS to writeHead: one header object per response. The one exception
 * is a browser's request (it has an Origin header): the router sets its CORS headers (cors.ts)
 * before the handler runs.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...API_SECURITY_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  error: AppError,
  headers: Record<string, string> = {},
  body: (error: AppError) => unknown = errorBody,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, error.status, body(error), { ...error.headers, ...headers });
}

/** Unexpected failures: logged with a request id and the error's class and code only, never the body. */
export function sendUnexpected(
  res: ServerResponse,
  error: unknown,
  requestId: string,
  body?: (error: AppError) => unknown,
): void {
  logError("internal error", error, { requestId });
  sendError(res, new AppError("internal", `Internal error (request ${requestId}).`), {}, body);
}

/** The body limit in MiB (PRIVET_MAX_BODY_MB): images and PDFs come base64-encoded inside the JSON. */
function maxBodyMiB(): number {
  return setting("PRIVET_MAX_BODY_MB");
}
/**
 * Arrays and objects nested deeper than this are refused. JSON.parse copes with any depth, but
 * the body is serialized again for the provider, and JSON.stringify overflows the stack a few
 * thousand levels down (found by fuzzing). Real requests, JSON schemas included, stay far below.
 */
export const MAX_JSON_DEPTH = 100;

/** Whether the JSON text nests arrays/objects deeper than `max` (brackets inside strings do not count). */
function isNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) isInString = false;
    } else if (c === 34) isInString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * Reads a JSON body up to PRIVET_MAX_BODY_MB (24 MiB). Over the limit: 413; not JSON or nested too
 * deeply: 400. None echoes the body.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const mib = maxBodyMiB();
    const maxBytes = mib * 1024 * 1024;
    const tooLarge = () => new AppError("payload_too_large", `Request body is larger than ${mib} MiB.`);
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (failed) return;
      const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
      if (!text.trim()) {
        reject(
          new AppError("bad_request", "Request body is empty: send a JSON object.", { metadata: { field: "body" } }),
        );
        return;
      }
      if (isNestedDeeperThan(text, MAX_JSON_DEPTH)) {
        reject(
          new AppError("bad_request", `Request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels).`, {
            metadata: { field: "body" },
          }),
        );
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new AppError("bad_request", "Request body is not valid JSON.", { metadata: { field: "body" } }));
      }
    });
    // The client went away before its body was complete: nobody waits for an answer, but the
    // request still leaves its record (as cancelled, 499).
    const gone = () => {
      if (failed) return;
      failed = true;
      chunks.length = 0;
      reject(
        new AppError("bad_request", "The client closed the connection while sending the request.", {
          status: 499,
          metadata: { code: "cancelled" },
        }),
      );
    };
    req.on("error", gone);
    req.on("close", () => {
      if (!req.complete) gone();
    });
  });
}
