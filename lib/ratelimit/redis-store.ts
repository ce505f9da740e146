// The rate limit store on Redis (REDIS_URL): one counter per key and window, INCR + PEXPIRE and a
// GET of the previous window in one MULTI, so every instance on that Redis shares the count. Keys
// arrive hashed (storeKey in lib/ratelimit/limiter.ts). Hits fail at once while the connection is
// down (nothing is queued for later), so the limiter counts locally instead of waiting.
import type { TRateLimitStore } from "@/lib/ratelimit/limiter";

type TRedis = ReturnType<typeof import("redis").createClient>;

export function createRedisStore(url: string, options: { prefix?: string } = {}): TRateLimitStore {
  const prefix = options.prefix ?? "privet:ratelimit:";
  let client: TRedis | null = null;
  let ready: Promise<TRedis> | null = null;
  const connect = (): Promise<TRedis> =>
    (ready ??= import("redis").then(({ createClient }) => {
      const c = createClient({
        url,
        disableOfflineQueue: true,
        socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
      });
      // Failures surface through the commands (the limiter logs them once); an unhandled 'error'
      // event would end the process.
      c.on("error", () => undefined);
      client = c;
      // The first connection retries like later ones; should it give up, the next hit starts over.
      return c.connect().then(
        () => c,
        (error: unknown) => {
          ready = null;
          client = null;
          if (c.isOpen) c.destroy();
          throw error;
        },
      );
    }));
  const keyOf = (key: string, windowStart: number) => `${prefix}${key}:${windowStart}`;
  return {
    kind: "redis",
    async increment(key, windowStart, windowMs) {
      const c = await connect();
      // MULTI is queued while reconnecting even without an offline queue; answer at once instead.
      if (!c.isReady) throw Object.assign(new Error("Redis is reconnecting"), { name: "ClientOfflineError" });
      const current = keyOf(key, windowStart);
      const [count, , previous] = await c
        .multi()
        .incr(current)
        .pExpire(current, 2 * windowMs)
        .get(keyOf(key, windowStart - windowMs))
        .exec();
      return { current: Number(count), previous: Number(previous ?? 0) };
    },
    async decrement(key, windowStart) {
      const c = await connect();
      await c.decr(keyOf(key, windowStart));
    },
    async close() {
      const c = client;
      client = null;
      ready = null;
      if (!c) return;
      if (c.isReady) await c.close().catch(() => c.destroy());
      else c.destroy();
    },
  };
}
