// Incremental Server-Sent Events parser shared by every upstream stream parser.
// It follows the WHATWG "event stream interpretation" rules: LF, CRLF and CR line endings,
// `:` comments, multi-line `data:`, one optional space after the colon. Text may be split
// anywhere between pushes (inside a field name, between CR and LF, …) and the events are the same.
// It never logs and never looks at what the data says: interpreting it is the caller's job.
// A line or an event longer than MAX_SSE_CHARS is not buffered: the parser reports it once as an
// overflow event and reads nothing more (a provider cannot make Privet hold an endless line).

export type TSseEvent = {
  /** The `event:` field, or undefined when the event had none (the spec's default "message"). */
  event?: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  id?: string;
  /** The stream broke the size limit: the last event the parser returns, with no data. */
  isOverflow?: true;
};

/** The longest line, or event (its data lines together), the parser keeps: 4 Mi characters. */
export const MAX_SSE_CHARS = 4 * 1024 * 1024;
export const SSE_OVERFLOW_MESSAGE = "upstream sent a stream line or event over the size limit";

export type TSseParser = {
  /** Feeds the next piece of the stream; returns the events it completed. */
  push(text: string): TSseEvent[];
  /**
   * The stream ended. Unlike the browser EventSource, a last event that lacks its closing blank
   * line is still delivered: upstreams that end with `data: [DONE]\n` exist, and a truncated
   * JSON line is better surfaced to the caller (as a parse error) than silently dropped.
   */
  end(): TSseEvent[];
};

const LF = 10;
const CR = 13;

export function createSseParser(): TSseParser {
  // Unterminated tail of the previous push (never contains a line terminator).
  let tail = "";
  // The previous push ended with CR: a LF at the start of the next push belongs to it.
  let skipLeadingLf = false;
  let isFirstLine = true;
  let data = "";
  let hasData = false;
  let eventName: string | undefined;
  let lastId: string | undefined;
  let isOverflowed = false;

  function dispatch(out: TSseEvent[]): void {
    if (hasData) {
      const ev: TSseEvent = { data };
      if (eventName !== undefined) ev.event = eventName;
      if (lastId !== undefined) ev.id = lastId;
      out.push(ev);
    }
    data = "";
    hasData = false;
    eventName = undefined;
  }

  function processLine(line: string, out: TSseEvent[]): void {
    if (isFirstLine) {
      isFirstLine = false;
      // A UTF-8 BOM may only appear at the very start of the stream.
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    if (line.length === 0) {
      dispatch(out);
      return;
    }
    const colon = line.indexOf(":");
    if (colon === 0) return; // comment / keep-alive
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = "";
    } else {
      field = line.slice(0, colon);
      const start = line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
      value = line.slice(start);
    }
    switch (field) {
      case "data":
        if (data.length + value.length > MAX_SSE_CHARS) isOverflowed = true;
        else if (hasData) data += "\n" + value;
        else {
          data = value;
          hasData = true;
        }
        break;
      case "event":
        eventName = value;
        break;
      case "id":
        if (value.indexOf("\u0000") === -1) lastId = value;
        break;
      default:
        // `retry` and unknown fields are ignored, as the spec says.
        break;
    }
  }

  /** After an overflow: one overflow event, then nothing, whatever else arrives. */
  function overflow(out: TSseEvent[]): TSseEvent[] {
    tail = "";
    data = "";
    out.push({ data: "", isOverflow: true });
    return out;
  }

  function push(text: string): TSseEvent[] {
    const out: TSseEvent[] = [];
    if (isOverflowed) return out;
    let start = 0;
    if (skipLeadingLf) {
      skipLeadingLf = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    const len = text.length;
    // Index of the next CR / LF, cached so a stream without CRs is scanned once, not once per line.
    let nextLf = text.indexOf("\n", start);
    let nextCr = text.indexOf("\r", start);
    while (start < len) {
      if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf("\n", start);
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf("\r", start);
      let end: number;
      if (nextLf === -1) end = nextCr;
      else if (nextCr === -1) end = nextLf;
      else end = nextLf < nextCr ? nextLf : nextCr;
      if (end === -1) break;
      const piece = text.slice(start, end);
      const line = tail.length > 0 ? tail + piece : piece;
      tail = "";
      processLine(line, out);
      if (isOverflowed) return overflow(out);
      if (text.charCodeAt(end) === CR) {
        if (end + 1 === len) {
          skipLeadingLf = true;
          start = len;
          break;
        }
        start = text.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    if (start < len) {
      if (tail.length + len - start > MAX_SSE_CHARS) {
        isOverflowed = true;
        return overflow(out);
      }
      tail += text.slice(start);
    }
    return out;
  }

  function end(): TSseEvent[] {
    const out: TSseEvent[] = [];
    if (isOverflowed) return out;
    if (tail.length > 0) {
      const line = tail;
      tail = "";
      processLine(line, out);
      if (isOverflowed) return overflow(out);
    }
    dispatch(out);
    skipLeadingLf = false;
    return out;
  }

  return { push, end };
}
