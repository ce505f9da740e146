// One instance per process, even when a module is loaded twice: the custom server (run by tsx) and
// the Next.js bundle each get their own copy of lib/, but they must share the database client and
// the in-memory caches so that, say, a settings change made by a server action is seen by the very
// next API request.
// The registry's symbol for each name, looked up once: some are read several times per request.
const keys = new Map<string, symbol>();

export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  let key = keys.get(name);
  if (key === undefined) {
    key = Symbol.for(`privet.${name}`);
    keys.set(name, key);
  }
  const existing = store[key];
  if (existing !== undefined) return existing;
  const value = create();
  store[key] = value;
  return value;
}
