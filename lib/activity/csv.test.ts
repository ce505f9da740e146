import { describe, expect, it } from "vitest";
import { COLUMN, ROW_COLUMN_NAMES } from "@/lib/activity/list";
import { csvLine } from "@/lib/activity/csv";

/** A row as the export reader returns it, in ROW_COLUMN_NAMES order. */
function row(values: Partial<Record<(typeof ROW_COLUMN_NAMES)[number], unknown>>): unknown[] {
  const out: unknown[] = ROW_COLUMN_NAMES.map(() => null);
  for (const [name, value] of Object.entries(values)) out[COLUMN[name as keyof typeof COLUMN]] = value;
  return out;
}

const common = {
  id: "gen-1",
  model: "e2e/echo",
  providerSlug: "e2e-zdr",
  providerName: "E2E ZDR",
  origin: "api",
  appTitle: "Notes",
  appReferer: "https://notes.example.com/app",
  apiKeyId: "key-1",
  status: "success",
  httpStatus: 200,
  finishReason: "stop",
  latencyMs: 1250,
  firstTokenMs: 250,
  promptTokens: 12,
  completionTokens: 40,
  cost: 0.000123,
};

describe("a CSV line", () => {
  it("is the same for a record read from SQLite (ISO text, 0/1) and from PostgreSQL (Date, booleans)", () => {
    const sqlite = row({ ...common, createdAt: "2026-11-27T16:57:16.472+00:00", streamed: 1, cancelled: 0, contentStored: 1 });
    const postgres = row({ ...common, createdAt: new Date("2026-11-27T16:57:16.472Z"), streamed: true, cancelled: false, contentStored: true });
    expect(csvLine(postgres)).toBe(csvLine(sqlite));
    expect(csvLine(sqlite)).toContain("gen-1,2026-11-27T16:57:16.472Z,e2e/echo,");
    expect(csvLine(sqlite).endsWith(",true,false,true")).toBe(true);
  });
});
