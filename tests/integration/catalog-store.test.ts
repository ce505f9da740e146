// The in-memory catalog follows a catalog loaded by another process (the CLI, another instance)
// within about a second — well inside its 30-second lifetime — on SQLite (PRAGMA data_version) and
// on PostgreSQL (the catalog tables' fingerprint), so routing and the docs follow a policy change
// without a restart. The load runs in a real child process with its own database connection.
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { e2eCatalog } from "@/e2e/fixtures/catalog";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let getCatalog: typeof import("@/lib/catalog/store").getCatalog;

/** `privet catalog load FILE` in a process of its own, on the harness's database. */
function loadElsewhere(catalog: unknown): Promise<void> {
  const file = path.join(h.dir, `catalog-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(catalog));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(process.cwd(), "bin", "privet.mjs"), "catalog", "load", file],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
      (error, _stdout, stderr) => (error ? reject(new Error(`catalog load failed: ${stderr}`)) : resolve()),
    );
  });
}

// Well under the 30 s lifetime: a change found before it proves the change signal, not the expiry.
const SEEN_WITHIN = { timeout: 10_000, interval: 100 };

beforeAll(async () => {
  h = await startHarness();
  ({ getCatalog } = await import("@/lib/catalog/store"));
});
afterAll(async () => {
  await h?.close();
});

describe("a catalog loaded by another process", () => {
  it("is seen here within moments: a new model, then a changed policy with the same rows", async () => {
    const base = e2eCatalog(h.mock.url);
    expect((await getCatalog()).modelById.has("it/added")).toBe(false);

    const added = {
      ...base,
      models: [...base.models, { ...base.models[0]!, id: "it/added", name: "Added elsewhere" }],
    };
    await loadElsewhere(added);
    await vi.waitFor(
      async () => expect((await getCatalog()).modelById.get("it/added")?.name).toBe("Added elsewhere"),
      SEEN_WITHIN,
    );

    // The same providers, models and endpoints, one provider now training on prompts: no count
    // changes, only the rows' contents.
    const trains = {
      ...added,
      providers: added.providers.map((p) =>
        p.slug === "e2e-retain" ? { ...p, dataPolicy: { ...p.dataPolicy, training: true } } : p,
      ),
    };
    await loadElsewhere(trains);
    await vi.waitFor(
      async () => expect((await getCatalog()).providerBySlug.get("e2e-retain")?.dataPolicy.training).toBe(true),
      SEEN_WITHIN,
    );
  });
});
