// Shared by the adapter tests: send an adapter's request over real HTTP and run its stream parser.
import type { TStreamEvent, TStreamParser, TUpstreamRequest } from "./types";

export function send(req: TUpstreamRequest): Promise<Response> {
  return fetch(req.url, { method: "POST", headers: req.headers, body: req.body });
}

/** Feeds the response body to the parser as it arrives, the way the gateway does. */
export async function parseStream(res: Response, parser: TStreamParser): Promise<TStreamEvent[]> {
  const events: TStreamEvent[] = [];
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    events.push(...parser.push(decoder.decode(value, { stream: true })));
  }
  events.push(...parser.end());
  return events;
}

/** Feeds a whole text in pieces of the given sizes (cycled), to cross every boundary. */
export function parseInPieces(text: string, parser: TStreamParser, sizes: number[]): TStreamEvent[] {
  const events: TStreamEvent[] = [];
  let at = 0;
  let k = 0;
  while (at < text.length) {
    const size = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    events.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  events.push(...parser.end());
  return events;
}

export function chunksOf(events: TStreamEvent[]) {
  return events.flatMap((e) => (e.type === "chunk" ? [e.chunk] : []));
}

export function contentOf(events: TStreamEvent[]): string {
  return chunksOf(events)
    .flatMap((c) => c.choices.map((ch) => ch.delta.content ?? ""))
    .join("");
}
