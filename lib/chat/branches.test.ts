// Branches: an edit or a regeneration keeps the earlier line reachable, versions are counted per
// place, and switching moves between whole lines without losing any.
import { describe, expect, it } from "vitest";
import { branchAt, switchVersion, versionsAt } from "@/lib/chat/branches";
import { newConversation, type TChatMessage, type TConversation } from "@/lib/chat/history";

let clock = 0;
function msg(id: string, role: "user" | "assistant" = "user"): TChatMessage {
  const createdAt = new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString();
  if (role === "user") return { id, role, content: id, createdAt };
  return {
    id,
    role,
    content: id,
    createdAt,
    model: "m",
    status: "complete",
    receipt: null,
    outcome: null,
    error: null,
    clientFirstTokenMs: null,
  };
}

function conversation(messages: TChatMessage[]): TConversation {
  return { ...newConversation("c", "m", new Date(0)), messages };
}

const ids = (c: TConversation) => c.messages.map((m) => m.id);

describe("branches", () => {
  it("an edit keeps the old line; each place counts its versions; switching swaps whole lines", () => {
    const start = conversation([msg("u1"), msg("a1", "assistant"), msg("u2"), msg("a2", "assistant")]);
    expect(versionsAt(start, 2)).toEqual({ ids: ["u2"], current: 0 });

    // Edit u2 into u2b, which gets a reply.
    const cut = branchAt(start, 2);
    expect(ids(cut)).toEqual(["u1", "a1"]);
    const edited = { ...cut, messages: [...cut.messages, msg("u2b"), msg("a2b", "assistant")] };
    expect(versionsAt(edited, 2)).toEqual({ ids: ["u2", "u2b"], current: 1 });
    expect(versionsAt(edited, 0)).toEqual({ ids: ["u1"], current: 0 });
    expect(versionsAt(edited, 3)).toEqual({ ids: ["a2b"], current: 0 });

    // Regenerate the new reply: three lines, two versions at place 3 of the edited line.
    const regen = branchAt(edited, 3);
    const again = { ...regen, messages: [...regen.messages, msg("a2c", "assistant")] };
    expect(versionsAt(again, 3)).toEqual({ ids: ["a2b", "a2c"], current: 1 });
    expect(versionsAt(again, 2)).toEqual({ ids: ["u2", "u2b"], current: 1 });

    // Back to the first version of place 2: the original line, nothing lost.
    const back = switchVersion(again, 2, "u2");
    expect(ids(back)).toEqual(["u1", "a1", "u2", "a2"]);
    expect(back.alternatives).toHaveLength(2);
    // And forward again: the latest line of u2b.
    const forward = switchVersion(back, 2, "u2b");
    expect(ids(forward)).toEqual(["u1", "a1", "u2b", "a2c"]);
    expect(versionsAt(forward, 3)).toEqual({ ids: ["a2b", "a2c"], current: 1 });
    expect(ids(switchVersion(forward, 3, "a2b"))).toEqual(["u1", "a1", "u2b", "a2b"]);
  });

  it("an unknown version changes nothing", () => {
    const start = conversation([msg("x1"), msg("y1", "assistant")]);
    expect(switchVersion(start, 0, "nope")).toBe(start);
  });
});
