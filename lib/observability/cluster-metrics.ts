// /metrics with PRIVET_WORKERS > 1: whichever worker accepts the scrape answers for the whole
// instance. The worker asks the primary, which collects every worker's registry over the cluster's
// IPC channel (prom-client's AggregatorRegistry: counters and histograms summed, each default
// process metric combined its own way) and sends the text back. Loaded only when metrics are on.
import type { Worker } from "node:cluster";

type TRequest = { privetMetrics: "aggregate"; id: number };
type TReply = { privetMetrics: "text"; id: number; text: string | null; contentType: string };

/** How long a worker waits for the primary's aggregate (prom-client waits 5 s for each worker). */
const TIMEOUT_MS = 10_000;

/** In a worker: the instance's metrics, summed over every worker by the primary. */
export function createClusterMetricsClient(): () => Promise<{ text: string; contentType: string }> {
  const pending = new Map<number, (reply: TReply) => void>();
  let nextId = 0;
  process.on("message", (message: unknown) => {
    const reply = message as Partial<TReply> | null;
    if (reply?.privetMetrics !== "text" || typeof reply.id !== "number") return;
    pending.get(reply.id)?.(reply as TReply);
    pending.delete(reply.id);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error("the primary did not answer"));
      }, TIMEOUT_MS);
      pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.text === null) reject(new Error("the primary could not collect the workers' metrics"));
        else resolve({ text: reply.text, contentType: reply.contentType });
      });
      const request: TRequest = { privetMetrics: "aggregate", id };
      process.send?.(request);
    });
}

/** In the primary: answers the workers' requests for the aggregate. */
export async function serveClusterMetrics(): Promise<(worker: Worker) => void> {
  const { AggregatorRegistry } = await import("prom-client");
  const aggregator = new AggregatorRegistry();
  return (worker) => {
    worker.on("message", (message: unknown) => {
      const request = message as Partial<TRequest> | null;
      if (request?.privetMetrics !== "aggregate" || typeof request.id !== "number") return;
      const { id } = request;
      const send = (text: string | null) => {
        const reply: TReply = { privetMetrics: "text", id, text, contentType: aggregator.contentType };
        if (worker.isConnected()) worker.send(reply);
      };
      aggregator.clusterMetrics().then(send, () => send(null));
    });
  };
}
