// A tiny OTLP/HTTP trace receiver for tests: accepts POST /v1/traces in OTLP's JSON encoding (what
// Privet's exporter sends), keeps each body as received and decodes its spans.
import http from "node:http";
import type { AddressInfo } from "node:net";

type TOtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: TOtlpValue[] };
};
type TOtlpAttribute = { key: string; value: TOtlpValue };
type TOtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: TOtlpAttribute[];
  status?: { code?: number };
};
type TOtlpBody = {
  resourceSpans?: { resource?: { attributes?: TOtlpAttribute[] }; scopeSpans?: { spans?: TOtlpSpan[] }[] }[];
};

/** A span as a test reads it: ids, name, kind (2 server, 3 client), times in ms, plain attributes. */
export type TReceivedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  startMs: number;
  endMs: number;
  isError: boolean;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
};

function valueOf(v: TOtlpValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(valueOf);
  return undefined;
}

const attributesOf = (list: TOtlpAttribute[] | undefined): Record<string, unknown> =>
  Object.fromEntries((list ?? []).map((a) => [a.key, valueOf(a.value)]));

export async function startOtlpReceiver() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/v1/traces") bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(req.url === "/v1/traces" ? 200 : 404, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Every request body received, as text (for leak scans). */
    raw: () => bodies.join("\n"),
    spans(): TReceivedSpan[] {
      return bodies.flatMap((text) =>
        ((JSON.parse(text) as TOtlpBody).resourceSpans ?? []).flatMap((rs) =>
          (rs.scopeSpans ?? []).flatMap((ss) =>
            (ss.spans ?? []).map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId ? s.parentSpanId : null,
              name: s.name,
              kind: s.kind,
              startMs: Number(BigInt(s.startTimeUnixNano) / 1_000_000n),
              endMs: Number(BigInt(s.endTimeUnixNano) / 1_000_000n),
              isError: s.status?.code === 2,
              attributes: attributesOf(s.attributes),
              resource: attributesOf(rs.resource?.attributes),
            })),
          ),
        ),
      );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
