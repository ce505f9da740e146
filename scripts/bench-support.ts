// Helpers shared by the benchmark drivers: a free loopback port, waiting for a server to answer,
// and the floor every benchmark compares Privet with.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";

export function freePort(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

export async function waitFor(url: string, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${url}`);
}

/**
 * The floor: a bare Node proxy (node:http, a kept-alive agent, `pipe`) in front of the mock. Every
 * request, whatever its path, is POSTed to `target` and the answer piped back, with no parsing,
 * no authentication and no record: what relaying alone costs on this machine (for a stream, mostly
 * the kernel's: a read and a write per chunk).
 */
const FLOOR_PROXY = `
const http = require("node:http");
const [port, target] = [Number(process.argv[1]), new URL(process.argv[2])];
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
http.createServer((req, res) => {
  const up = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { "content-type": "application/json" } }, (r) => {
    res.writeHead(r.statusCode, { "content-type": r.headers["content-type"] });
    r.pipe(res);
  });
  up.on("error", () => res.destroy());
  res.on("close", () => up.destroy());
  req.pipe(up);
}).listen(port, "127.0.0.1");
`;

/** Starts the floor proxy on 127.0.0.1:`port`, forwarding to `target` (a full URL). */
export function startFloorProxy(port: number, target: string): ChildProcess {
  return spawn(process.execPath, ["-e", FLOOR_PROXY, String(port), target], { stdio: "ignore" });
}
