// The branches of a conversation. Editing a sent message or regenerating a reply does not lose
// what was there: the conversation's line of messages so far is kept among its `alternatives`, and
// the new line shares the beginning up to the edited message. Each message shows the versions of
// its place (the lines that agree on everything before it) and switches between them. Pure.
import { MAX_ALTERNATIVES, type TChatMessage, type TConversation } from "@/lib/chat/history";

function sharesPrefix(line: readonly TChatMessage[], prefix: readonly TChatMessage[]): boolean {
  return line.length > prefix.length && prefix.every((m, i) => line[i]!.id === m.id);
}

export type TVersions = {
  /** The first message of each version at this place, oldest first. */
  ids: string[];
  /** Which of them is shown (0-based). */
  current: number;
};

/** The versions of the message at `index` of the shown line (one when it was never edited or regenerated). */
export function versionsAt(conversation: TConversation, index: number): TVersions {
  const prefix = conversation.messages.slice(0, index);
  const heads = new Map<string, TChatMessage>();
  for (const line of [conversation.messages, ...conversation.alternatives]) {
    if (!sharesPrefix(line, prefix)) continue;
    const head = line[index]!;
    if (!heads.has(head.id)) heads.set(head.id, head);
  }
  const ordered = [...heads.values()].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
  const ids = ordered.map((m) => m.id);
  return { ids, current: Math.max(0, ids.indexOf(conversation.messages[index]?.id ?? "")) };
}

/** Shows the version of the message at `index` whose first message is `headId` (its latest line). */
export function switchVersion(conversation: TConversation, index: number, headId: string): TConversation {
  const prefix = conversation.messages.slice(0, index);
  const found = conversation.alternatives.findLastIndex(
    (line) => sharesPrefix(line, prefix) && line[index]!.id === headId,
  );
  if (found < 0) return conversation;
  return {
    ...conversation,
    messages: conversation.alternatives[found]!,
    alternatives: [...conversation.alternatives.filter((_, i) => i !== found), conversation.messages],
  };
}

/**
 * The conversation cut before the message at `index`, its whole line kept as a branch: what an
 * edit (then a new message) or a regeneration (then a new reply) starts from. The oldest branches
 * go once there are too many.
 */
export function branchAt(conversation: TConversation, index: number): TConversation {
  return {
    ...conversation,
    messages: conversation.messages.slice(0, index),
    alternatives: [...conversation.alternatives, conversation.messages].slice(-MAX_ALTERNATIVES),
  };
}
