// What the mock upstream does in demo mode (`npm run demo`, `startMockUpstream({ demo: true })`), for a
// provider whose behaviour the control API has not set: replies written for the prompt in Markdown
// (headings, lists, code blocks, a table, math), streamed at a reading pace, with some providers slower
// and some failing now and then so that fallbacks show. Everything is decided by the prompt and by
// counters, never by chance, so a demo can be shown (and tested) the same way twice. The tests'
// mock (no `demo` option) never comes here.

/** A prompt containing this word fails at the first provider it reaches; the next one answers. */
export const DEMO_FALLBACK_WORD = "fallback";

/** One in this many requests to Demo Unknown Policy is refused with a 429. */
export const DEMO_UNKNOWN_FAILS_EVERY = 3;

export type TDemoTurn = {
  text: string;
  ttftMs: number;
  tokensPerSecond: number;
  failure: "none" | "500" | "429";
};

const has = (prompt: string, ...words: string[]) => words.some((word) => new RegExp(`\\b${word}`, "i").test(prompt));

/** A few words of the prompt to write about, without Markdown that would break the reply's own. */
function topicOf(prompt: string): string {
  const words = prompt
    .replace(/[`*_#>|[\]()<>\\]/g, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0 && w.toLowerCase() !== DEMO_FALLBACK_WORD)
    .slice(0, 6);
  const topic = words.join(" ").replace(/[?.!,;:]+$/, "");
  return topic.length > 0 ? topic : "your question";
}

const FOOTER =
  "_This is Privet's demo: no model runs and nothing leaves this machine. Ask for **code**, a **table**, a **list** of steps, some **math**, something **short** or **long**, or put the word **fallback** in a message to watch one provider fail and the next one answer._";

function shortReply(topic: string, slug: string): string {
  return `In short: ${topic} comes down to one clear idea, and ${slug} is happy to expand on it if you ask for more.`;
}

function codeReply(topic: string): string {
  const isJs = /\b(js|javascript|typescript|node)\b/i.test(topic);
  const code = isJs
    ? [
        "```ts",
        "// Ask Privet's OpenAI-compatible API, keeping data out of training.",
        'const response = await fetch("http://127.0.0.1:3000/api/v1/chat/completions", {',
        '  method: "POST",',
        '  headers: { Authorization: `Bearer ${process.env.PRIVET_KEY}`, "Content-Type": "application/json" },',
        "  body: JSON.stringify({",
        '    model: "demo/chat",',
        '    messages: [{ role: "user", content: "Hello" }],',
        '    provider: { data_collection: "deny" },',
        "  }),",
        "});",
        "console.log((await response.json()).choices[0].message.content);",
        "```",
      ]
    : [
        "```python",
        "from openai import OpenAI",
        "",
        "# Privet speaks the OpenAI API; the provider object keeps data out of training.",
        'client = OpenAI(base_url="http://127.0.0.1:3000/api/v1", api_key="sk-privet-…")',
        "reply = client.chat.completions.create(",
        '    model="demo/chat",',
        '    messages=[{"role": "user", "content": "Hello"}],',
        '    extra_body={"provider": {"data_collection": "deny"}},',
        ")",
        "print(reply.choices[0].message.content)",
        "```",
      ];
  return [
    `Here is a small, complete example for **${topic}**:`,
    "",
    ...code,
    "",
    "What it does:",
    "",
    "1. Points an ordinary client at Privet instead of a provider.",
    "2. Asks for a model by its catalog id.",
    "3. Lets Privet pick only providers your privacy settings allow, and fall back if one fails.",
    "",
    "Run it with a key from **Settings → API keys**.",
  ].join("\n");
}

function mathReply(topic: string): string {
  return [
    `Some math for **${topic}**, typeset in the reply:`,
    "",
    "The sum of the first $n$ whole numbers is",
    "",
    "$$",
    "\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}",
    "$$",
    "",
    "and the roots of $ax^2 + bx + c = 0$ are",
    "",
    "\\[",
    "x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}",
    "\\]",
    "",
    "Euler's identity \\(e^{i\\pi} + 1 = 0\\) ties five constants together. In a code block the same text stays as written:",
    "",
    "```latex",
    "e^{i\\pi} + 1 = 0",
    "```",
  ].join("\n");
}

function tableReply(topic: string): string {
  return [
    `A comparison for **${topic}**, using the demo's own providers:`,
    "",
    "| Provider | Keeps prompts | Trains on them | Zero retention |",
    "|---|---|---|---|",
    "| Demo ZDR Cloud | no | no | yes |",
    "| Demo Retain 30d | 30 days | no | no |",
    "| Demo Messages API | 30 days | no | no |",
    "| Demo Trains | yes | **yes** | no |",
    "| Demo Unknown Policy | unknown | unknown | unknown |",
    "",
    "With the default settings Privet never sends a prompt to the last two: one trains on prompts, and the other does not say what it does, which counts as unsafe.",
  ].join("\n");
}

function listReply(topic: string): string {
  return [
    `Steps for **${topic}**:`,
    "",
    "1. **Decide what may happen to your data.** Open *Settings → Privacy* and choose what providers may keep.",
    "2. **Pick a model.** The picker shows which of its providers your settings leave.",
    "3. **Send a message.** Privet tries the allowed providers in order and falls back when one fails.",
    "4. **Read the receipt.** Every reply says who served it and what they keep.",
    "",
    "A few things to keep in mind:",
    "",
    "- restrictions only ever tighten: a conversation can add them, never lift the account's;",
    "- nothing you type is stored unless prompt logging is on;",
    "- the activity page keeps the metadata of every request.",
  ].join("\n");
}

function mediumReply(topic: string, slug: string): string {
  return [
    `## ${topic[0]?.toUpperCase() ?? ""}${topic.slice(1)}`,
    "",
    `Here is an overview of **${topic}**, written by the demo provider \`${slug}\` so you can watch a reply stream in.`,
    "",
    "- **What it is:** a question worth a clear, short answer.",
    "- **Why it matters:** the details decide what you can do next.",
    "- **Where to start:** one small step, then the next.",
    "",
    "> Demo replies are made up on the spot; a real provider would answer the question itself.",
  ].join("\n");
}

function longReply(topic: string, slug: string): string {
  return [
    mediumReply(topic, slug),
    "",
    "### In more detail",
    "",
    `Any answer about ${topic} has three parts: what is known, what is assumed, and what is still open. ` +
      "A good reply keeps them apart, says which is which, and gives a way to check each claim. " +
      "The same goes for where your words travel: Privet shows the provider and its data policy under every reply.",
    "",
    listReply(topic),
    "",
    "### Side by side",
    "",
    tableReply(topic),
  ].join("\n");
}

/** The reply text for a prompt: its shape (math, code, table, list, short, long) chosen by the words in it. */
export function demoReplyText(prompt: string, slug: string): string {
  const topic = topicOf(prompt);
  let body: string;
  if (has(prompt, "short", "brief", "tl;?dr", "one line", "quick answer")) body = shortReply(topic, slug);
  else if (has(prompt, "math", "formula", "equation", "latex", "katex", "integral", "algebra")) body = mathReply(topic);
  else if (has(prompt, "code", "function", "script", "program", "python", "javascript", "typescript", "example"))
    body = codeReply(topic);
  else if (has(prompt, "table", "compare", "comparison", "versus", "vs")) body = tableReply(topic);
  else if (has(prompt, "list", "steps", "how do", "how to", "checklist")) body = listReply(topic);
  else if (has(prompt, "long", "detail", "essay", "explain", "everything")) body = longReply(topic, slug);
  else body = mediumReply(topic, slug);
  return body.length < 200 ? body : `${body}\n\n${FOOTER}`;
}

/**
 * How a demo provider answers this prompt: its pace (words per second; "slow", "fast" and "instant"
 * in the prompt change it), its time to the first word, and whether it fails this time.
 */
export function demoTurn(slug: string, prompt: string, count: number, isFallbackRetry: boolean): TDemoTurn {
  const isFallbackPrompt = prompt.toLowerCase().includes(DEMO_FALLBACK_WORD);
  // Words per second; "instant" sends the whole reply at once (0 = unlimited).
  const base = has(prompt, "instant")
    ? 0
    : has(prompt, "slow", "slowly")
      ? 4
      : has(prompt, "fast", "faster", "quickly")
        ? 60
        : 12;
  // Demo ZDR Cloud is the careful one: slower to start and to write.
  const isSlowProvider = slug === "demo-zdr";
  const turn: TDemoTurn = {
    text: demoReplyText(prompt, slug),
    ttftMs: base === 0 ? 0 : isSlowProvider ? 1_200 : 350,
    tokensPerSecond: isSlowProvider && base > 0 ? Math.max(2, Math.round(base * 0.6)) : base,
    failure: "none",
  };
  if (isFallbackPrompt && !isFallbackRetry) turn.failure = "500";
  else if (slug === "demo-unknown" && count % DEMO_UNKNOWN_FAILS_EVERY === 0) turn.failure = "429";
  return turn;
}
