// Incremental Server-Sent Events parser shared by every upstream stream parser.
// It follows the WHATWG "event stream interpretation" rules: LF, CRLF and CR line endings,
// `:` comments, multi-line `data:`, one optional space after the colon. Text may be split
// anywhere between pushes (inside a field name, between CR and LF, …) and the events are the same.
// It never logs and never looks at what the data says: interpreting it is the caller's job.

export type TSseEvent = {
  /** The `event:` field, or undefined when the event had none (the spec's default "message"). */
  event?: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  id?: string;
};

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
        if (hasData) data += "\n" + value;
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

  function push(text: string): TSseEvent[] {
    const out: TSseEvent[] = [];
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
    if (start < len) tail += text.slice(start);
    return out;
  }

  function end(): TSseEvent[] {
    const out: TSseEvent[] = [];
    if (tail.length > 0) {
      const line = tail;
      tail = "";
      processLine(line, out);
    }
    dispatch(out);
    skipLeadingLf = false;
    return out;
  }

  return { push, end };
}
