// The demo's upstream over real HTTP: replies shaped by the prompt, streamed in many pieces, the
// fallback word and the periodic failures — and none of it without the demo option.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type TMockUpstream } from "./server";
import { DEMO_UNKNOWN_FAILS_EVERY, demoReplyText } from "./demo";

let demo: TMockUpstream;
let plain: TMockUpstream;

beforeAll(async () => {
  [demo, plain] = await Promise.all([startMockUpstream({ port: 0, demo: true }), startMockUpstream({ port: 0 })]);
});
afterAll(async () => {
  await Promise.all([demo.close(), plain.close()]);
});

function ask(mock: TMockUpstream, slug: string, content: string, stream = false, model = "chat"): Promise<Response> {
  return fetch(`${mock.url}/${slug}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model, stream, messages: [{ role: "user", content }] }),
  });
}

async function replyOf(response: Response): Promise<string> {
  const body = (await response.json()) as { choices: { message: { content: string } }[] };
  return body.choices[0]!.message.content;
}

describe("the demo upstream", () => {
  it("writes Markdown shaped by the prompt: code blocks, tables, lists, short and long answers", async () => {
    const code = await replyOf(await ask(demo, "demo-retain", "instantly show me python code to call the API"));
    expect(code).toMatch(/```python\n[\s\S]+\n```/);
    const table = await replyOf(await ask(demo, "demo-retain", "instantly compare the providers in a table"));
    expect(table).toMatch(/\| Provider \|.*\n\|---\|/);
    const math = await replyOf(await ask(demo, "demo-retain", "instantly show me some math"));
    expect(math).toMatch(/\$\$\n[^$]+\n\$\$/);
    expect(math).toContain("\\(e^{i\\pi} + 1 = 0\\)");
    const list = await replyOf(await ask(demo, "demo-retain", "instantly list the steps to get started"));
    expect(list).toMatch(/^1\. /m);
    const short = await replyOf(await ask(demo, "demo-retain", "a short answer about owls, instantly"));
    const long = await replyOf(await ask(demo, "demo-retain", "explain owls in detail, instantly"));
    expect(long.split(/\s+/).length).toBeGreaterThan(3 * short.split(/\s+/).length);
    expect(long).toContain("owls");
  });

  it("streams a reply in many pieces, as a reader would see it written", async () => {
    const response = await ask(demo, "demo-retain", "tell me about rivers, fast", true);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    let reads = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads++;
      text += new TextDecoder().decode(value);
    }
    const deltas = text.split("\n").filter((line) => line.includes('"content":"') && !line.includes('"content":""'));
    expect(deltas.length).toBeGreaterThan(20);
    expect(reads).toBeGreaterThan(10);
    expect(text).toContain("data: [DONE]");
  });

  it("fails the first attempt of a prompt with the fallback word, and answers the next", async () => {
    const prompt = "show me a fallback instantly";
    expect((await ask(demo, "demo-retain", prompt)).status).toBe(500);
    const next = await ask(demo, "demo-anthropic", prompt);
    expect(next.status).toBe(200);
    // A new message with the word fails first again.
    expect((await ask(demo, "demo-zdr", prompt)).status).toBe(500);
  });

  it("refuses every third request to Demo Unknown Policy with a 429", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < DEMO_UNKNOWN_FAILS_EVERY * 2; i++)
      statuses.push((await ask(demo, "demo-unknown", "hi, instantly")).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(statuses.filter((s) => s === 200)).toHaveLength(DEMO_UNKNOWN_FAILS_EVERY * 2 - 2);
  });

  it("still echoes on the echo model, and a provider set through the control API behaves as told", async () => {
    expect(await replyOf(await ask(demo, "demo-trains", "echo this back", false, "echo"))).toBe("echo this back");
    demo.setProvider("demo-trains", { reply: "As told." });
    expect(await replyOf(await ask(demo, "demo-trains", "write code instantly"))).toBe("As told.");
    demo.reset();
    expect(await replyOf(await ask(demo, "demo-trains", "write code instantly"))).toContain("```");
  });

  it("is off without the demo option: the tests' mock answers as it always has", async () => {
    expect(await replyOf(await ask(plain, "demo-retain", "show me python code"))).toBe("Hello from demo-retain.");
    expect((await ask(plain, "demo-retain", "a fallback please")).status).toBe(200);
  });

  it("never lets the prompt's Markdown break the reply's own", () => {
    const text = demoReplyText("# heading | with `ticks` and *stars*", "demo-zdr");
    expect(text).not.toContain("`ticks`");
    expect(text).not.toContain("| with");
  });
});
