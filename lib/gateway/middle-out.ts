// OpenRouter's middle-out transform: a conversation too long for the model's context window loses
// messages from its middle — where they matter least to the answer — until it fits. On by default
// for models whose context window is at most 8k tokens (as OpenRouter does); a request turns it on
// with `transforms: ["middle-out"]` or the context-compression plugin, and off with `transforms: []`
// (unsupported-fields.ts reads the choice). Pure: no I/O.
//
// What is kept: the leading system and developer messages, the first message after them, and the
// last message. An assistant turn that called tools goes together with the tool results answering
// it, never apart. Privet removes whole messages only (it does not cut a message's text); a
// request that still does not fit is refused as before, naming the context length.
import type { TChatMessage, TPrivetChatRequest } from "@/lib/gateway/adapters/types";
import { estimateTokens } from "@/lib/gateway/request-shape";
import { middleOutChoice } from "@/lib/gateway/unsupported-fields";

/** Models with a context window up to this many tokens get middle-out unless the request turns it off. */
export const MIDDLE_OUT_DEFAULT_MAX_CONTEXT = 8192;

/** The messages in units that are kept or removed together: an assistant's tool calls with their results. */
function unitsOf<T extends TChatMessage>(messages: readonly T[]): T[][] {
  const units: T[][] = [];
  for (const message of messages) {
    const last = units.at(-1);
    const opener = last?.[0];
    if (
      message.role === "tool" &&
      last &&
      opener?.role === "assistant" &&
      opener.tool_calls !== undefined &&
      opener.tool_calls.length > 0
    )
      last.push(message);
    else units.push([message]);
  }
  return units;
}

/**
 * The messages with the fewest units removed from the middle (equally many kept from the start and
 * the end of the removable part) for which `fits` holds, or null when even removing every removable
 * unit is not enough. Unchanged when they already fit.
 */
export function compressMiddleOut<T extends TChatMessage>(
  messages: readonly T[],
  fits: (messages: T[]) => boolean,
): T[] | null {
  if (fits([...messages])) return [...messages];
  const units = unitsOf(messages);
  let lead = 0;
  while (lead < units.length && (units[lead]![0]!.role === "system" || units[lead]![0]!.role === "developer")) lead++;
  // The first message after the instructions and the last one always stay.
  const start = Math.min(lead + 1, units.length);
  const end = Math.max(start, units.length - 1);
  const removable = units.slice(start, end);
  const build = (removed: number): T[] => {
    const kept = removable.length - removed;
    const head = Math.ceil(kept / 2);
    return [
      ...units.slice(0, start),
      ...removable.slice(0, head),
      ...removable.slice(removable.length - (kept - head)),
      ...units.slice(end),
    ].flat();
  };
  if (!fits(build(removable.length))) return null;
  // Fitting only gets easier as more is removed: the fewest removals are found by bisection.
  let low = 1;
  let high = removable.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (fits(build(mid))) high = mid;
    else low = mid + 1;
  }
  return build(low);
}

/**
 * The request with messages removed from its middle so that it fits `window` tokens (the largest
 * context window that only the length keeps it from; see contextWindowToFit in lib/policy), or null
 * when there is no such window, middle-out is off, or removing messages cannot make it fit.
 */
export function applyMiddleOut(
  body: TPrivetChatRequest,
  modelContextLength: number,
  window: number | null,
): TPrivetChatRequest | null {
  if (window === null) return null;
  const isOn = middleOutChoice(body) ?? modelContextLength <= MIDDLE_OUT_DEFAULT_MAX_CONTEXT;
  if (!isOn) return null;
  const messages = compressMiddleOut(
    body.messages,
    (candidate) => estimateTokens({ ...body, messages: candidate }) <= window,
  );
  return messages !== null && messages.length < body.messages.length ? { ...body, messages } : null;
}
