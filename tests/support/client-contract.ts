// What the surface contract tests share (tests/integration/clients/: a real client library against
// Privet over the mock upstream, each creating its own accounts): the harness with the PostgreSQL
// server log marked for the leak scan, the providers the mock was asked, a request's record, the
// error the client throws for a refusal, the data files a leak scan reads, and the agent model.
import { expect } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { harnessPerFile, type THarnessOptions } from "@/tests/support/harness";
import { readFilesUnder } from "@/tests/support/leak-scan";
import { databaseEntryNames, markServerLog, readDatabase, type TServerLog } from "@/tests/support/database-scan";

/** One harness for the file (harnessPerFile) and what a contract test asks of it. Read `t.h` inside tests and hooks. */
export function contractHarness(options: THarnessOptions = {}) {
  const t = harnessPerFile(options, async (h) => ({
    serverLog: (h.dialect === "postgresql"
      ? await markServerLog(process.env.DATABASE_URL!)
      : null) as TServerLog | null,
  }));
  return {
    get h() {
      return t.h;
    },
    /** The providers the mock upstream was asked, in order. */
    calledProviders: () => t.h.mock.calls().map((c) => c.provider),
    /** A request's metadata record, once the recorder has written it. */
    async recordOf(id: string) {
      await t.h.flush();
      return t.h.db.generation.findUniqueOrThrow({ where: { id } });
    },
    /**
     * Every file in the data directory and, on PostgreSQL, every table and the server's log, once
     * the recorder has written; that the database is among them (its files, or the records' table
     * and the log) is checked, so a scan that read nothing cannot pass.
     */
    async dataFiles() {
      await t.h.flush();
      const files = [...readFilesUnder(t.h.dir), ...(await readDatabase(t.h.dialect, t.serverLog))];
      expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(databaseEntryNames(t.h.dialect, ["Generation"])));
      return files;
    },
  };
}

/** The error a client library threw for a request Privet refused; a request that was answered fails the test. */
export async function refusalOf<T>(
  errorClass: (abstract new (...args: never[]) => unknown) & { prototype: T },
  request: Promise<unknown>,
): Promise<T> {
  const error = await request.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof errorClass)) throw new Error("expected an API error");
  return error as T;
}

const AGENT_PARAMETERS = ["temperature", "top_p", "max_tokens", "stop", "tools", "tool_choice", "reasoning"];

/**
 * The e2e catalog plus `e2e/agent`: a model on OpenAI-compatible and Messages-API providers of each
 * policy that takes tools and reasoning, cheapest first: e2e-trains, e2e-retain, e2e-anthropic, e2e-zdr.
 */
export function agentCatalog(mockUrl: string) {
  const base = e2eCatalog(mockUrl);
  const endpoint = (provider: string, price: number) => ({
    provider,
    upstreamModel: `upstream-${provider}`,
    pricing: { prompt: price, completion: price },
    supportedParameters: AGENT_PARAMETERS,
  });
  return {
    ...base,
    models: [
      ...base.models,
      {
        id: "e2e/agent",
        name: "E2E Agent",
        contextLength: 100_000,
        endpoints: [
          endpoint("e2e-trains", 0.1),
          endpoint("e2e-retain", 1),
          endpoint("e2e-anthropic", 2),
          endpoint("e2e-zdr", 3),
        ],
      },
    ],
  };
}
