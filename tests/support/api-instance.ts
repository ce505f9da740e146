// A second Privet instance for tests: the /api/v1 handler alone, in a process of its own, on the
// database in DATABASE_URL (already migrated, its catalog loaded). Prints its port on stdout;
// SIGTERM flushes its metadata writer and exits.
import http from "node:http";
import type { AddressInfo } from "node:net";

const { configureDatabase } = await import("@/lib/db");
await configureDatabase();
const { handleApiRequest } = await import("@/lib/api/router");
const { recorder } = await import("@/lib/gateway/recorder");
const server = http.createServer((req, res) => void handleApiRequest(req, res));
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on("SIGTERM", () => {
  void recorder()
    .flush()
    .finally(() => process.exit(0));
});
