// The order in which a provider at its limit hands out freed slots, and the wait's bound. The HTTP
// behaviour (real streams, the mock upstream, records, 429) is tests/integration/provider-queue.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TAttempt } from "@/lib/generations/record";
import { ProviderSlots, providerQueues } from "@/lib/gateway/provider-queue";

const attemptAt = (provider: string): TAttempt => ({ provider, status: 0, latency_ms: 0 });

let provider = "";
let counter = 0;
beforeEach(() => {
  // Each test its own provider: the queues are process-wide.
  provider = `unit-provider-${++counter}`;
  process.env.PRIVET_MAX_CONCURRENT_PER_PROVIDER = "1";
  process.env.PRIVET_PROVIDER_QUEUE_TIMEOUT_MS = "60000";
});
afterEach(() => {
  delete process.env.PRIVET_MAX_CONCURRENT_PER_PROVIDER;
  delete process.env.PRIVET_PROVIDER_QUEUE_TIMEOUT_MS;
});

/** A request of `account`: its slots, its client, and the attempt it waits for. */
function request(account: string, name: string, served: string[]) {
  const client = new AbortController();
  const slots = new ProviderSlots(account, client.signal);
  const attempt = attemptAt(provider);
  const taken = slots.take(attempt).then((result) => {
    if (result === "slot") served.push(name);
    return result;
  });
  return { slots, client, attempt, taken };
}

const waiting = () => providerQueues().find((q) => q.provider === provider)?.waiting ?? 0;

describe("a provider at its limit", () => {
  it("takes turns between accounts even at a limit of one: many queued requests never starve another account's", async () => {
    const served: string[] = [];
    const first = request("a", "a-held", served);
    await first.taken;
    const names = ["a-0", "a-1", "a-2", "b-0", "b-1"];
    const queued = new Map(names.map((name) => [name, request(name.slice(0, 1), name, served)]));
    expect(waiting()).toBe(5);
    // Each request served gives its slot back in turn; the next holder is whoever got it.
    let holder = first;
    for (let i = 0; i < names.length; i++) {
      holder.slots.release();
      await new Promise((resolve) => setImmediate(resolve));
      holder = queued.get(served.at(-1)!)!;
    }
    expect(served).toEqual(["a-held", "b-0", "a-0", "b-1", "a-1", "a-2"]);
  });

  it("lets a request whose client left go at once, and gives up after the wait with the attempt marked busy", async () => {
    const served: string[] = [];
    const held = request("a", "held", served);
    await held.taken;
    const gone = request("b", "gone", served);
    expect(waiting()).toBe(1);
    gone.client.abort();
    expect(await gone.taken).toBe("aborted");
    expect(waiting()).toBe(0);

    process.env.PRIVET_PROVIDER_QUEUE_TIMEOUT_MS = "10";
    const late = request("c", "late", served);
    expect(await late.taken).toBe("busy");
    expect(late.attempt).toMatchObject({ status: 429, error: "provider_busy", sent: false });
    expect(waiting()).toBe(0);
    expect(served).toEqual(["held"]);
  });
});
