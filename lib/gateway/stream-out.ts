// The client's side of a streamed answer: the upstream stream passed through chunk by chunk,
// rewritten to name the generation, the model and the provider, ending with a usage chunk that
// carries the cost. Completion text goes to the ContentCapture only (PRODUCT.md rule 1).
import { performance } from "node:perf_hooks";
import type { TEndpoint, TModel } from "@/lib/catalog/types";
import type { TChatCompletionChunk, TUsage } from "@/lib/gateway/adapters";
import type { TOpenStream } from "@/lib/gateway/attempt";
import { settleUsage } from "@/lib/gateway/cost";
import type { TAttempt, TGenerationRecord } from "@/lib/generations/record";
import type { ContentCapture } from "@/lib/content/capture";
import { classifyError, UpstreamFailure, type TClientSignal } from "@/lib/gateway/upstream";
import { withReasoningDetails } from "@/lib/gateway/adapters/reasoning";

export type TOutChunk = TChatCompletionChunk & { provider: string; error?: { code: number; message: string } };

export type TStreamState = {
  id: string;
  model: TModel;
  endpoint: TEndpoint;
  /** The request's metadata record, completed here and handed over by `finalize`. */
  record: TGenerationRecord;
  attempt: TAttempt;
  /** When the request started (performance.now()). */
  started: number;
  upstream: TOpenStream;
  clientSignal: TClientSignal;
  estimatedPromptTokens: number;
  capture: ContentCapture | null;
  finalize: () => void;
};

/**
 * Passes the upstream stream through, chunk by chunk, rewritten to name the generation and the
 * provider. Ends with a usage chunk carrying the cost. A failure after the first chunk ends the
 * stream with an error chunk; a consumer that stops early (client gone) aborts the upstream call.
 * The record is written exactly once, in `finally`.
 */
export async function* streamOut(s: TStreamState): AsyncGenerator<TOutChunk, void, undefined> {
  const { record, endpoint } = s;
  const { call, parser, decoder } = s.upstream;
  const created = Math.floor(Date.now() / 1000);
  let usage: TUsage | null = null;
  let finishReason: string | null = null;
  let nativeFinishReason: string | null = null;
  let sawDone = false;
  let completionPieces = 0;
  let failure: UpstreamFailure | null = null;
  let finished = false;

  // The adapters built the chunk from known fields only; Privet writes the envelope.
  const decorate = (chunk: TChatCompletionChunk): TOutChunk => {
    for (const choice of chunk.choices) withReasoningDetails(choice.delta);
    const out: TOutChunk = {
      id: s.id,
      object: "chat.completion.chunk",
      created: chunk.created,
      model: s.model.id,
      provider: endpoint.provider.name,
      choices: chunk.choices,
    };
    if (chunk.system_fingerprint) out.system_fingerprint = chunk.system_fingerprint;
    return out;
  };

  try {
    let pending = s.upstream.buffered;
    let ended = s.upstream.upstreamEnded;
    for (;;) {
      for (const event of pending) {
        if (event.type === "done") {
          sawDone = true;
          continue;
        }
        if (event.type === "error") {
          failure = new UpstreamFailure("malformed", 502, "the provider sent a stream Privet cannot read");
          break;
        }
        const chunk = event.chunk;
        // The adapters mapped the finish reasons and validated the usage (provider-values.ts); a
        // usage they could not use arrives as null and leaves Privet's estimate in place.
        if (chunk.usage) usage = chunk.usage;
        for (const choice of chunk.choices ?? []) {
          if (choice.finish_reason) finishReason = choice.finish_reason;
          if (choice.native_finish_reason) nativeFinishReason = choice.native_finish_reason;
          if (choice.delta?.content) {
            completionPieces += 1;
            s.capture?.append(choice.delta.content);
          }
        }
        // The usage is re-emitted at the end, in Privet's last chunk, with the cost.
        if (chunk.choices.length === 0) continue;
        yield decorate(chunk);
      }
      if (failure || ended || sawDone) break;
      let next: IteratorResult<Buffer>;
      try {
        next = await call.next();
      } catch (error) {
        failure = classifyError(error, call);
        break;
      }
      if (next.done) {
        pending = parser.end();
        ended = true;
      } else {
        pending = parser.push(decoder.decode(next.value, { stream: true }));
      }
    }
    if (!failure && !sawDone && !finishReason)
      failure = new UpstreamFailure("dropped", 502, "the provider ended the stream before finishing");

    if (failure && failure.kind !== "aborted") {
      record.status = "error";
      record.httpStatus = failure.status;
      record.errorCode = `stream_${failure.kind}`;
      s.attempt.error = `stream_${failure.kind}`;
      yield closingChunk(s, created, {
        choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
        error: { code: failure.status, message: `The provider's stream failed after it started (${failure.message}).` },
      });
    } else if (!failure) {
      record.status = "success";
      record.httpStatus = 200;
      yield closingChunk(s, created, {
        choices: [],
        usage: settleUsage(record, endpoint, usage, { prompt: s.estimatedPromptTokens, completion: completionPieces }),
      });
    }
    finished = !failure || failure.kind !== "aborted";
  } finally {
    if (!finished || s.clientSignal.aborted) {
      // The consumer stopped early (client disconnected, Stop pressed): cancel upstream too
      // (destroy, below, cuts a call that has not completed).
      record.cancelled = true;
      record.status = "cancelled";
      record.httpStatus = 499;
      record.errorCode = "cancelled";
    }
    call.destroy();
    settleUsage(record, endpoint, usage, { prompt: s.estimatedPromptTokens, completion: completionPieces });
    record.finishReason = record.cancelled ? "cancelled" : record.status === "error" ? "error" : finishReason;
    record.nativeFinishReason = nativeFinishReason ?? finishReason;
    record.latencyMs = Math.round(performance.now() - s.started);
    s.attempt.latency_ms = Math.round(performance.now() - s.upstream.started);
    if (record.status !== "success") s.capture?.markPartial();
    s.finalize();
  }
}

/** A chunk Privet writes itself at the end of a stream (the usage and cost, or the failure). */
function closingChunk(
  s: TStreamState,
  created: number,
  rest: Pick<TOutChunk, "choices" | "usage" | "error">,
): TOutChunk {
  return {
    id: s.id,
    object: "chat.completion.chunk",
    created,
    model: s.model.id,
    provider: s.endpoint.provider.name,
    ...rest,
  };
}
