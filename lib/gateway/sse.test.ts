import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSseParser, MAX_SSE_CHARS, type TSseEvent } from "./sse";

function parseAll(pieces: string[]): TSseEvent[] {
  const parser = createSseParser();
  const out: TSseEvent[] = [];
  for (const piece of pieces) out.push(...parser.push(piece));
  out.push(...parser.end());
  return out;
}

describe("createSseParser", () => {
  it("parses data, event names and ids", () => {
    expect(parseAll(['event: delta\nid: 7\ndata: {"a":1}\n\ndata: [DONE]\n\n'])).toEqual([
      { event: "delta", id: "7", data: '{"a":1}' },
      { id: "7", data: "[DONE]" },
    ]);
  });

  it("joins multi-line data with newlines and strips only one leading space", () => {
    expect(parseAll(["data: one\ndata:  two\ndata:three\ndata\n\n"])).toEqual([{ data: "one\n two\nthree\n" }]);
  });

  it("ignores comments, unknown fields, retry, and events without data", () => {
    expect(parseAll([": keep-alive\n\n: PROCESSING\nretry: 10\nfoo: bar\n\nevent: lonely\n\ndata: x\n\n"])).toEqual([
      { data: "x" },
    ]);
  });

  it("resets the event name between events", () => {
    expect(parseAll(["event: a\ndata: 1\n\ndata: 2\n\n"])).toEqual([{ event: "a", data: "1" }, { data: "2" }]);
  });

  it("dispatches an empty data field (data: with nothing after it)", () => {
    expect(parseAll(["data:\n\n"])).toEqual([{ data: "" }]);
  });

  it("accepts CRLF and CR line endings, including a CRLF split across pushes", () => {
    expect(parseAll(["data: a\r\n\r\ndata: b\r\r"])).toEqual([{ data: "a" }, { data: "b" }]);
    expect(parseAll(["data: a\r", "\n\r", "\ndata: b\r", "\n", "\r\n"])).toEqual([{ data: "a" }, { data: "b" }]);
  });

  it("strips a BOM at the very start only", () => {
    expect(parseAll(["\uFEFFdata: a\n\n"])).toEqual([{ data: "a" }]);
  });

  it("delivers a last event that lacks its blank line when the stream ends", () => {
    const parser = createSseParser();
    expect(parser.push("data: [DONE]\n")).toEqual([]);
    expect(parser.end()).toEqual([{ data: "[DONE]" }]);
    expect(parseAll(['data: {"trunc'])).toEqual([{ data: '{"trunc' }]);
  });

  it("returns events as soon as their blank line arrives", () => {
    const parser = createSseParser();
    expect(parser.push("data: a")).toEqual([]);
    expect(parser.push("\n")).toEqual([]);
    expect(parser.push("\n")).toEqual([{ data: "a" }]);
  });

  // A model of a stream: events, each with an optional name and one or more data lines, with
  // comments sprinkled in, serialised with a random mix of line endings.
  const line = fc.string({
    unit: fc.constantFrom("a", "b", " ", ":", "{", "}", '"', "é", "€", "😀", "d", "\u0000"),
    maxLength: 12,
  });
  const event = fc.record({
    name: fc.option(fc.stringMatching(/^[a-z_]{1,10}$/), { nil: undefined }),
    data: fc.array(line, { minLength: 1, maxLength: 4 }),
    comment: fc.option(line, { nil: undefined }),
  });
  // "\r" alone is only safe when every ending is "\r" (a "\r" then "\n" would read as one CRLF).
  const stream = fc
    .record({
      events: fc.array(event, { maxLength: 8 }),
      crOnly: fc.boolean(),
      endings: fc.array(fc.constantFrom("\n", "\r\n"), { minLength: 64, maxLength: 64 }),
    })
    .map(({ events, crOnly, endings }) => {
      let k = 0;
      const eol = () => (crOnly ? "\r" : endings[k++ % endings.length]);
      let text = "";
      for (const e of events) {
        if (e.comment !== undefined) text += `:${e.comment}${eol()}`;
        if (e.name !== undefined) text += `event: ${e.name}${eol()}`;
        for (const d of e.data) text += `data: ${d}${eol()}`;
        text += eol();
      }
      const expected: TSseEvent[] = events.map((e) =>
        e.name === undefined ? { data: e.data.join("\n") } : { event: e.name, data: e.data.join("\n") },
      );
      return { text, expected };
    });

  it("gives the same events for any split of a valid stream", () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), ({ text, expected }, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let prev = 0;
        for (const p of points) {
          pieces.push(text.slice(prev, p));
          prev = p;
        }
        pieces.push(text.slice(prev));
        expect(parseAll(pieces)).toEqual(expected);
        expect(parseAll([text])).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the same events when fed one character at a time", () => {
    fc.assert(
      fc.property(stream, ({ text, expected }) => {
        expect(parseAll([...text])).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  describe("the size limit (issue 14, item 6)", () => {
    it("an unterminated line over the limit is not buffered: one overflow event, then nothing", () => {
      const parser = createSseParser();
      const piece = "x".repeat(64 * 1024);
      const events: TSseEvent[] = [...parser.push('data: {"ok":1}\n\ndata: ')];
      expect(events).toEqual([{ data: '{"ok":1}' }]);
      let pushes = 0;
      while (!events.some((e) => e.isOverflow) && pushes < 200) {
        events.push(...parser.push(piece));
        pushes += 1;
      }
      expect(events.filter((e) => e.isOverflow)).toEqual([{ data: "", isOverflow: true }]);
      expect(pushes * piece.length).toBeLessThanOrEqual(MAX_SSE_CHARS + piece.length);
      expect(parser.push("\n\ndata: more\n\n")).toEqual([]);
      expect(parser.end()).toEqual([]);
    });

    it("an event whose data lines together pass the limit overflows too", () => {
      const line = `data: ${"y".repeat(1024 * 1024)}\n`;
      const events = parseAll([line, line, line, line, line, "\n"]);
      expect(events).toEqual([{ data: "", isOverflow: true }]);
    });

    it("lines under the limit are whole", () => {
      const big = "z".repeat(MAX_SSE_CHARS - 10);
      expect(parseAll([`data: ${big.slice(0, 1000)}`, `${big.slice(1000)}\n\n`])).toEqual([{ data: big }]);
    });
  });
});
