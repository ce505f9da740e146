// `npm run mock-upstream [-- --port 4010 --host 127.0.0.1 --max-calls 10000]`: the fake LLM upstream
// (scripts/mock-upstream/server.ts) as a process, for e2e runs, the demo and benchmarks.
// Prints one line with its URL; control it over HTTP under /__mock/.
import { startMockUpstream } from "./mock-upstream/server";

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (const [i, arg] of args.entries()) {
    if (arg === `--${name}`) return args[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

function integer(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    console.error(`mock-upstream: --${name} must be an integer between 0 and ${max}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const port = integer("port", option("port") ?? process.env.PORT, 4010, 65535);
  const host = option("host") ?? process.env.HOST ?? "127.0.0.1";
  const maxCalls = integer("max-calls", option("max-calls"), 10_000, Number.MAX_SAFE_INTEGER);
  const mock = await startMockUpstream({ port, host, maxCalls });
  console.log(`mock upstream listening on ${mock.url}`);

  let isStopping = false;
  const stop = (): void => {
    if (isStopping) return;
    isStopping = true;
    void mock.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`mock-upstream: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
