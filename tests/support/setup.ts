// Runs before every test file's tests (vitest.config.ts, setupFiles). Routing learns from each
// request (lib/health): a provider a test made fail would otherwise be ordered last, or skipped,
// in the next test of the same file. Each test starts as a fresh process does, with nothing
// measured; a test about measurements builds them itself.
import { beforeEach } from "vitest";

beforeEach(() => {
  const monitor = (globalThis as Record<symbol, { clear(): void } | undefined>)[Symbol.for("privet.health-monitor")];
  monitor?.clear();
});
