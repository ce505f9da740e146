import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyError, startUpstream, type TTimeouts } from "./upstream";

// A real HTTP server plays the provider; each path is one behaviour.
let server: http.Server;
let baseUrl: string;
let errorSocket: Socket | null = null;
const TIMEOUTS: TTimeouts = { connectMs: 1_000, firstByteMs: 2_000, totalMs: 5_000 };
const BIG = Buffer.alloc(3 * 1024 * 1024, "x");

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url === "/json") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      } else if (req.url === "/error") {
        errorSocket = req.socket;
        // The body follows the head a little later, so it is still arriving when it is discarded.
        res.writeHead(503, { "retry-after": "7", "content-length": 100 * 1024 });
        res.flushHeaders();
        setTimeout(() => res.end(Buffer.alloc(100 * 1024, "e")), 30);
      } else if (req.url === "/big") {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        for (let i = 0; i < BIG.length; i += 16 * 1024) res.write(BIG.subarray(i, i + 16 * 1024));
        res.end();
      } else if (req.url === "/trickle") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const timer = setInterval(() => res.write("data: {}\n\n"), 20);
        res.on("close", () => clearInterval(timer));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const request = (path: string) => ({
  url: `${baseUrl}${path}`,
  headers: { "content-type": "application/json" },
  body: "{}",
});

describe("a call to a provider", () => {
  it("reads a whole answer, with its status and headers", async () => {
    const call = startUpstream(request("/json"), TIMEOUTS, new AbortController().signal);
    const response = await call.response;
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect((await response.readAll(1024))?.toString()).toBe('{"ok":true}');
    response.release();
  });

  it("gives up on an answer larger than the limit", async () => {
    const call = startUpstream(request("/big"), TIMEOUTS, new AbortController().signal);
    const response = await call.response;
    expect(await response.readAll(64 * 1024)).toBeNull();
  });

  it("hands a stream out chunk by chunk to a slow reader without losing or reordering bytes", async () => {
    const call = startUpstream(request("/big"), TIMEOUTS, new AbortController().signal);
    const response = await call.response;
    const chunks: Buffer[] = [];
    for (;;) {
      const next = await response.next();
      if (next.done) break;
      chunks.push(next.value);
      if (chunks.length % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    response.destroy();
    expect(Buffer.concat(chunks).equals(BIG)).toBe(true);
  });

  it("drains an error answer, keeping its connection for the next call", async () => {
    const response = await startUpstream(request("/error"), TIMEOUTS, new AbortController().signal).response;
    expect(response.status).toBe(503);
    expect(response.headers["retry-after"]).toBe("7");
    response.dump();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errorSocket?.destroyed).toBe(false);
  });

  it("ends a stream that runs past the total timeout, as a timeout", async () => {
    const call = startUpstream(request("/trickle"), { ...TIMEOUTS, totalMs: 150 }, new AbortController().signal);
    const response = await call.response;
    const error = await (async () => {
      for (;;) await response.next();
    })().catch((e: unknown) => e);
    expect(classifyError(error, response).kind).toBe("timeout");
    response.destroy();
  });

  it("stops when the client goes away, as aborted", async () => {
    const client = new AbortController();
    const call = startUpstream(request("/trickle"), TIMEOUTS, client.signal);
    const response = await call.response;
    await response.next();
    client.abort();
    const error = await response.next().catch((e: unknown) => e);
    expect(classifyError(error, response).kind).toBe("aborted");
    response.destroy();
  });

  it("reports a refused connection before any answer", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const call = startUpstream(
      { url: `http://127.0.0.1:${port}/json`, headers: {}, body: "{}" },
      TIMEOUTS,
      new AbortController().signal,
    );
    const error = await call.response.catch((e: unknown) => e);
    expect(classifyError(error, call)).toMatchObject({ kind: "connect", status: 502 });
  });
});
