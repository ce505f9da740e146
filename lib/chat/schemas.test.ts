// The send action's input: the conversation's generation options are checked on the server too,
// with the same messages the browser shows.
import { describe, expect, it } from "vitest";
import { MAX_SYSTEM_PROMPT_CHARS, ZChatSendInput } from "@/lib/chat/schemas";

const base = {
  requestId: "7d2f6c1e-2f1a-4c55-9d7e-0a1b2c3d4e5f",
  model: "e2e/echo",
  messages: [{ role: "user", content: "hi" }],
  options: { denyDataCollection: false, zdr: false, order: [] },
};

const errorOf = (options: Record<string, unknown>) => {
  const parsed = ZChatSendInput.safeParse({ ...base, options: { ...base.options, ...options } });
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe("ZChatSendInput options", () => {
  it("accepts a system prompt, a temperature from 0 to 2 and whole max tokens", () => {
    expect(errorOf({ systemPrompt: "Be brief.", temperature: 0, maxTokens: 1 })).toBeNull();
    expect(errorOf({ temperature: 2, maxTokens: 1_000_000 })).toBeNull();
  });

  it("refuses what is out of range, with a reason", () => {
    expect(errorOf({ temperature: 2.5 })).toBe("Temperature must be between 0 and 2.");
    expect(errorOf({ temperature: -1 })).toBe("Temperature must be between 0 and 2.");
    expect(errorOf({ temperature: "hot" })).toBe("Temperature must be a number.");
    expect(errorOf({ maxTokens: 0 })).toBe("Max tokens must be at least 1.");
    expect(errorOf({ maxTokens: 10.5 })).toBe("Max tokens must be a whole number.");
    expect(errorOf({ systemPrompt: "x".repeat(MAX_SYSTEM_PROMPT_CHARS + 1) })).toMatch(/at most 20,000 characters/);
  });
});
