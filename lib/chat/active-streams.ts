// The chat replies streaming right now, so Stop can abort one. A browser that stops reading a
// server action's stream does not cancel it on the server (only a closed connection does), so Stop
// is a second action that aborts the reply's AbortController here. Entries are keyed by account
// and request id: an id from another account is simply not found.
//
// Stop may reach the server before the send it refers to (two requests race): it then leaves a
// short-lived note, and the send aborts as soon as it registers.
import { AppError } from "@/lib/errors";
import { singleton } from "@/lib/singleton";

const MAX_ACTIVE_PER_ACCOUNT = 8;
const EARLY_STOP_TTL_MS = 60_000;
const MAX_EARLY_STOPS = 10_000;

type TState = {
  active: Map<string, { userId: string; controller: AbortController }>;
  earlyStops: Map<string, number>;
};

const state = () => singleton<TState>("chat-active-streams", () => ({ active: new Map(), earlyStops: new Map() }));

const keyOf = (userId: string, requestId: string) => `${userId}:${requestId}`;

function pruneEarlyStops(now: number): void {
  const { earlyStops } = state();
  for (const [key, expires] of earlyStops) {
    if (expires <= now || earlyStops.size > MAX_EARLY_STOPS) earlyStops.delete(key);
  }
}

/** Registers a reply; its controller is aborted by Stop. Release it when the reply ends. */
export function registerChatStream(userId: string, requestId: string): AbortController {
  const { active, earlyStops } = state();
  const key = keyOf(userId, requestId);
  if (active.has(key)) throw new AppError("conflict", "This reply is already being sent.");
  let count = 0;
  for (const entry of active.values()) if (entry.userId === userId) count += 1;
  if (count >= MAX_ACTIVE_PER_ACCOUNT) {
    throw new AppError(
      "rate_limited",
      `You already have ${MAX_ACTIVE_PER_ACCOUNT} replies streaming. Stop one or wait for it to finish.`,
    );
  }
  const controller = new AbortController();
  active.set(key, { userId, controller });
  const stopAt = earlyStops.get(key);
  if (stopAt !== undefined) {
    earlyStops.delete(key);
    if (stopAt > Date.now()) controller.abort();
  }
  return controller;
}

export function releaseChatStream(userId: string, requestId: string, controller: AbortController): void {
  const { active } = state();
  const key = keyOf(userId, requestId);
  if (active.get(key)?.controller === controller) active.delete(key);
}

/**
 * Aborts the account's reply with this request id. Returns whether a streaming reply was found;
 * when none is, the stop is remembered briefly in case its send has not registered yet.
 */
export function stopChatStream(userId: string, requestId: string): boolean {
  const { active, earlyStops } = state();
  const key = keyOf(userId, requestId);
  const entry = active.get(key);
  if (entry && entry.userId === userId) {
    entry.controller.abort();
    return true;
  }
  const now = Date.now();
  pruneEarlyStops(now);
  earlyStops.set(key, now + EARLY_STOP_TTL_MS);
  return false;
}

/** For tests: how many replies are streaming. */
export function activeChatStreamCount(): number {
  return state().active.size;
}
