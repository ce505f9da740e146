// The limits this app enforces, and the store their counts live in: Redis when REDIS_URL is set,
// else the database when it is PostgreSQL (both shared by every instance), else this process's
// memory (SQLite runs as one process). See lib/ratelimit/limiter.ts for what happens when a
// shared store is down.
import { db, dialect } from "@/lib/db";
import { createLimiter, createMemoryStore, type TRateLimitStore } from "@/lib/ratelimit/limiter";
import { createPostgresStore } from "@/lib/ratelimit/postgres-store";
import { createRedisStore } from "@/lib/ratelimit/redis-store";
import { setting } from "@/lib/env";
import { singleton } from "@/lib/singleton";

const holder = () => singleton<{ store: TRateLimitStore | null }>("ratelimit-store", () => ({ store: null }));

export function rateLimitStore(): TRateLimitStore {
  const h = holder();
  if (!h.store) {
    const redisUrl = setting("REDIS_URL");
    if (redisUrl) h.store = createRedisStore(redisUrl);
    else if (dialect() === "postgresql") h.store = createPostgresStore(db);
    else h.store = createMemoryStore();
  }
  return h.store;
}

/** Closes the shared store's connection (Redis) at shutdown. */
export async function closeRateLimitStore(): Promise<void> {
  const h = holder();
  const store = h.store;
  h.store = null;
  await store?.close?.();
}

/** Requests per minute per API key; 0 (the default) means unlimited, with no store round trip. */
export function apiKeyLimiter() {
  return singleton("ratelimit-api-key", () => {
    const limit = setting("PRIVET_RATE_LIMIT_PER_MINUTE");
    return createLimiter("api-key", limit, 60_000, limit > 0 ? { store: rateLimitStore() } : {});
  });
}

/** Sign-in attempts: 10 per 15 minutes per email, 50 per 15 minutes per client address. */
export function signInLimiters() {
  return singleton("ratelimit-sign-in", () => {
    const byEmail = setting("PRIVET_SIGNIN_LIMIT_PER_EMAIL");
    const byAddress = setting("PRIVET_SIGNIN_LIMIT_PER_ADDRESS");
    return {
      byEmail: createLimiter("sign-in-email", byEmail, 15 * 60_000, byEmail > 0 ? { store: rateLimitStore() } : {}),
      byAddress: createLimiter("sign-in-address", byAddress, 15 * 60_000, byAddress > 0 ? { store: rateLimitStore() } : {}),
    };
  });
}
