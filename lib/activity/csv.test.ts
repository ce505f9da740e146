import { describe, expect, it } from "vitest";
import { COLUMN, ROW_COLUMN_NAMES } from "@/lib/activity/list";
import { csvField, csvLine } from "@/lib/activity/csv";

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
  kind: "messages",
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
    const sqlite = row({
      ...common,
      createdAt: "2026-11-27T16:57:16.472+00:00",
      streamed: 1,
      cancelled: 0,
      contentStored: 1,
    });
    const postgres = row({
      ...common,
      createdAt: new Date("2026-11-27T16:57:16.472Z"),
      streamed: true,
      cancelled: false,
      contentStored: true,
    });
    expect(csvLine(postgres)).toBe(csvLine(sqlite));
    expect(csvLine(sqlite)).toContain("gen-1,2026-11-27T16:57:16.472Z,e2e/echo,");
    expect(csvLine(sqlite)).toContain(",key-1,api,messages,12,40,");
    expect(csvLine(sqlite).endsWith(",true,false,true")).toBe(true);
  });
});

describe("formula escaping", () => {
  /** The cells a spreadsheet that splits at `separator` sees in a written field (quotes honoured only at a cell's start). */
  function cellsAsRead(field: string, separator: "," | ";"): string[] {
    if (separator === "," && field.startsWith('"')) return [field.slice(1, -1).replace(/""/g, '"')];
    return field.split(/\r\n|[\r\n]/).flatMap((line) => (separator === ";" ? line.split(";") : [line]));
  }
  /** What a spreadsheet would evaluate: a cell starting with a formula character, after spaces or an opening quote. */
  const isFormula = (cell: string) => /^[\t\r]/.test(cell) || /^[\s"]*[=+\-@]/.test(cell);

  const hostile = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "x;=1+1",
    ";=cmd|' /C calc'!A0",
    "x; =1+1",
    'x;"=1+1',
    "x;\t=1",
    "x;@A1",
    "a,b;-2+3",
    "line\n=1+1",
    "line\r\n+1",
    'a;b;c;=HYPERLINK("http://evil.example")',
  ];

  it.each(hostile)("no cell of %j can be read as a formula, with `,` or `;` as the separator", (value) => {
    const field = csvField(value);
    for (const separator of [",", ";"] as const) {
      for (const cell of cellsAsRead(field, separator))
        expect(isFormula(cell), `${separator}: ${JSON.stringify(cell)} from ${JSON.stringify(field)}`).toBe(false);
    }
  });

  it("keeps ordinary text as it is, and quotes a field with a `;` so it stays one cell", () => {
    expect(csvField("openai/gpt-4o")).toBe("openai/gpt-4o");
    expect(csvField("stop")).toBe("stop");
    expect(csvField("a, b")).toBe('"a, b"');
    expect(csvField("a;b")).toBe('"a;b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("x;=1+1")).toBe(`"x;'=1+1"`);
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField(-1.5)).toBe("-1.5");
  });
});
