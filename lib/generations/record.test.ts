import { describe, expect, it } from "vitest";
import { GENERATION_COLUMNS, readGeneration, recordFromRow, recordToRow } from "@/lib/generations/record";
import { makeRecord } from "@/lib/generations/test-record";

const record = makeRecord({
  model: "openai/gpt-4o",
  providerSlug: "openai",
  providerName: "OpenAI",
  upstreamModel: "gpt-4o",
  origin: "chat",
  appReferer: "https://app.example/",
  userAgent: "curl/8",
  streamed: true,
  latencyMs: 420,
  firstTokenMs: null,
  promptTokens: 12,
  completionTokens: 34,
  cost: 0.0000042,
  attempts: [
    { provider: "together", status: 503, latency_ms: 10, error: "http" },
    { provider: "openai", status: 200, latency_ms: 400 },
  ],
  dataPolicy: {
    training: false,
    retainsPrompts: true,
    retentionDays: 30,
    zdr: false,
    canPublish: null,
    termsUrl: null,
    privacyUrl: null,
    checkedAt: "2026-01",
  },
});

describe("the record and its row", () => {
  it("a written row reads back as the same record", () => {
    expect(recordFromRow(recordToRow(record))).toEqual(record);
    expect(recordFromRow(recordToRow({ ...record, attempts: [], dataPolicy: null }))).toMatchObject({
      attempts: [],
      dataPolicy: null,
    });
  });

  it("reads a raw SQLite row (ISO text, 0/1, bigint) and a PostgreSQL one (Date, booleans) alike", () => {
    const row = recordToRow(record);
    const sqlite = {
      ...row,
      createdAt: "2026-03-04T05:06:07.089+00:00",
      streamed: 1,
      cancelled: 0,
      contentStored: 0,
      promptTokens: 12n,
      httpStatus: 200n,
    };
    expect(recordFromRow(sqlite)).toEqual(record);
    expect(recordFromRow({ ...row })).toEqual(record);
  });

  it("reads only the columns asked for, from a row array by position", () => {
    const columns = ["id", "createdAt", "status", "cost"] as const;
    const values = ["gen-1", "2026-03-04T05:06:07.089+00:00", "cancelled", 0.5];
    const read = readGeneration(columns, (column) => values[columns.indexOf(column)]);
    expect(read).toEqual({ id: "gen-1", createdAt: record.createdAt, status: "cancelled", cost: 0.5 });
  });

  it("names every column of the table once", () => {
    expect(new Set(GENERATION_COLUMNS).size).toBe(GENERATION_COLUMNS.length);
    expect(Object.keys(recordToRow(record)).sort()).toEqual([...GENERATION_COLUMNS].sort());
  });
});
