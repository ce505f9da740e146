// The limits this app enforces, and the store their counts live in: Redis when REDIS_URL is set,
// else the database when it is PostgreSQL (both shared by every instance), else memory: this
// process's (SQLite runs as one instance) or, with PRIVET_WORKERS, the primary process's
// (lib/ratelimit/cluster-store.ts). See lib/ratelimit/limiter.ts for what happens when a shared
// store is down.
import cluster from "node:cluster";
import { db, dialect } from "@/lib/db";
import { createClusterStore } from "@/lib/ratelimit/cluster-store";
import { createFailureThrottle, createLimiter, createMemoryStore, type TRateLimitStore } from "@/lib/ratelimit/limiter";
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
    // Workers on SQLite count in the primary process (PRIVET_WORKERS).
    else if (cluster.isWorker) h.store = createClusterStore();
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

/**
 * Password checks (sign-in, password change, account deletion): failures are counted per email and
 * client address together and per client address, never per email alone, so nobody can lock an
 * account's owner out by failing from elsewhere. Past the free failures, attempts slow down (see
 * createFailureThrottle).
 */
export function passwordThrottles() {
  return singleton("ratelimit-password", () => {
    // PRIVET_SIGNIN_LIMIT_PER_EMAIL is the setting's name before it became per email and address.
    const perEmailAddress =
      setting("PRIVET_SIGNIN_LIMIT_PER_EMAIL_ADDRESS") ?? setting("PRIVET_SIGNIN_LIMIT_PER_EMAIL");
    const perAddress = setting("PRIVET_SIGNIN_LIMIT_PER_ADDRESS");
    const options = (free: number) => (free > 0 ? { store: rateLimitStore() } : {});
    return {
      byEmailAndAddress: createFailureThrottle(
        "password-email-address",
        perEmailAddress,
        15 * 60_000,
        options(perEmailAddress),
      ),
      byAddress: createFailureThrottle("password-address", perAddress, 15 * 60_000, options(perAddress)),
    };
  });
}

/** Sign-up attempts per client address per hour (PRIVET_SIGNUP_LIMIT_PER_ADDRESS; 0 = unlimited). */
export function signUpLimiter() {
  return singleton("ratelimit-signup", () => {
    const limit = setting("PRIVET_SIGNUP_LIMIT_PER_ADDRESS");
    return createLimiter("signup-address", limit, 60 * 60_000, limit > 0 ? { store: rateLimitStore() } : {});
  });
}
