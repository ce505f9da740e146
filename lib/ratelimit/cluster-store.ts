// The rate-limit store of a worker (PRIVET_WORKERS > 1) when there is no shared store to count in
// (SQLite, no Redis): the counts live in the primary process's memory and each worker asks it over
// the cluster's IPC channel, so a limit holds across the workers exactly as in one process. Should
// the primary not answer, the limiter counts in the worker meanwhile (lib/ratelimit/limiter.ts).
import type { Worker } from "node:cluster";
import { createMemoryStore, type TRateLimitStore, type TWindowCounts } from "@/lib/ratelimit/limiter";

type TRequest =
  | { privetRateLimit: "increment"; id: number; key: string; windowStart: number; windowMs: number; now: number }
  | { privetRateLimit: "decrement"; key: string; windowStart: number };
type TReply = { privetRateLimit: "counts"; id: number; counts: TWindowCounts };

const isRequest = (message: unknown): message is TRequest =>
  typeof message === "object" && message !== null && "privetRateLimit" in message;

/** In a worker: counts through the primary. */
export function createClusterStore(): TRateLimitStore {
  const pending = new Map<number, (counts: TWindowCounts) => void>();
  let nextId = 0;
  process.on("message", (message: unknown) => {
    const reply = message as Partial<TReply> | null;
    if (reply?.privetRateLimit !== "counts" || typeof reply.id !== "number" || !reply.counts) return;
    pending.get(reply.id)?.(reply.counts);
    pending.delete(reply.id);
  });
  const send = (request: TRequest): void => {
    if (!process.send) throw new Error("not a cluster worker");
    process.send(request);
  };
  return {
    kind: "cluster",
    increment(key, windowStart, windowMs, now) {
      return new Promise<TWindowCounts>((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, resolve);
        try {
          send({ privetRateLimit: "increment", id, key, windowStart, windowMs, now });
        } catch (error) {
          pending.delete(id);
          reject(error instanceof Error ? error : new Error("sending to the primary failed"));
        }
      });
    },
    async decrement(key, windowStart) {
      send({ privetRateLimit: "decrement", key, windowStart });
    },
  };
}

/** In the primary: one memory store that every worker counts in. */
export function serveClusterRateLimits(): (worker: Worker) => void {
  const store = createMemoryStore();
  return (worker) => {
    worker.on("message", (message: unknown) => {
      if (!isRequest(message)) return;
      if (message.privetRateLimit === "decrement") {
        void store.decrement(message.key, message.windowStart);
        return;
      }
      const { id, key, windowStart, windowMs, now } = message;
      void store.increment(key, windowStart, windowMs, now).then((counts) => {
        const reply: TReply = { privetRateLimit: "counts", id, counts };
        if (worker.isConnected()) worker.send(reply);
      });
    });
  };
}
