// The environment an e2e Privet instance runs with (playwright.config.ts starts the first one). A
// spec may start another instance on the same data directory and database — `node --import tsx
// scripts/start.ts` with `{ ...process.env, ...e2eAppEnv(port) }` — and it shares the first one's
// secrets, catalog and data.
import net from "node:net";
import path from "node:path";
import type { AddressInfo } from "node:net";

/** A loopback port that was free a moment ago, for another instance. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function e2eAppEnv(port: number | string): Record<string, string> {
  const dataDir = process.env.PRIVET_E2E_DATA_DIR!;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    PRIVET_DATA_DIR: dataDir,
    DATABASE_URL: process.env.PRIVET_E2E_DATABASE_URL!,
    PRIVET_CATALOG: path.join(dataDir, "catalog.json"),
    PRIVET_PUBLIC_URL: baseUrl,
    NEXTAUTH_URL: baseUrl,
    // Every test browser signs in from 127.0.0.1; throttling has its own test.
    PRIVET_SIGNIN_LIMIT_PER_ADDRESS: "0",
    // Likewise every test signs up from 127.0.0.1; the sign-up throttle has its own test.
    PRIVET_SIGNUP_LIMIT_PER_ADDRESS: "0",
    // Stopping needs no drain for load balancers here; the drain has its own test.
    PRIVET_DRAIN_SECONDS: "0",
  };
}
