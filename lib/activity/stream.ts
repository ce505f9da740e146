// Turns an async generator of text chunks into a byte stream that pulls the next chunk only when
// the reader asks for it: an export holds one page in memory however many rows it has, and a
// download the browser cancels stops the queries.
import { logError } from "@/lib/log";
export function textStream(chunks: AsyncGenerator<string, void, undefined>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          logError("export failed", error);
          controller.error(new Error("The export failed."));
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
