// API reference section. The client libraries pointed at Privet: OpenRouter's and OpenAI's SDKs,
// the Vercel AI SDK, LangChain (each run against Privet by tests/integration/clients/).
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";

export function SdksSection({ apiBaseUrl, exampleModel }: Pick<TApiReferenceProps, "apiBaseUrl" | "exampleModel">) {
  const jsExample = `import OpenAI from "openai";

const client = new OpenAI({
  baseURL: "${apiBaseUrl}",
  apiKey: process.env.PRIVET_API_KEY,
});

const { data: completion, response } = await client.chat.completions
  .create({
    model: "${exampleModel}",
    messages: [{ role: "user", content: "Hello" }],
    // Routing options go in the body; the SDK sends fields it does not know as they are.
    // (In TypeScript, the SDK's types do not list \`provider\`: add it with a cast.)
    provider: { data_collection: "deny" },
  })
  .withResponse();

console.log(completion.choices[0].message.content);
console.log(completion.provider, response.headers.get("x-privet-data-policy"));

// Streaming: the last chunk before [DONE] carries usage, with the cost.
const stream = await client.chat.completions.create({
  model: "${exampleModel}",
  messages: [{ role: "user", content: "Hello" }],
  stream: true,
});
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
  if (chunk.usage) console.log("\\n", chunk.usage);
}`;

  const pythonExample = `import os
from openai import OpenAI

client = OpenAI(
    base_url="${apiBaseUrl}",
    api_key=os.environ["PRIVET_API_KEY"],
)

# with_raw_response exposes the receipt headers as well as the completion.
raw = client.chat.completions.with_raw_response.create(
    model="${exampleModel}",
    messages=[{"role": "user", "content": "Hello"}],
    # Routing options that are not OpenAI parameters travel in extra_body.
    extra_body={"provider": {"data_collection": "deny", "zdr": True}},
)
completion = raw.parse()
print(completion.choices[0].message.content)
print(raw.headers.get("x-privet-provider"), raw.headers.get("x-privet-data-policy"))

stream = client.chat.completions.create(
    model="${exampleModel}",
    messages=[{"role": "user", "content": "Hello"}],
    stream=True,
)
for chunk in stream:
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="")
    if chunk.usage:
        print("\\n", chunk.usage)`;

  const openRouterExample = `import { OpenRouter } from "@openrouter/sdk";

const openrouter = new OpenRouter({
  serverURL: "${apiBaseUrl}",
  apiKey: process.env.PRIVET_API_KEY,
  appTitle: "My app", // sent as X-OpenRouter-Title: your app in your activity
});

const result = await openrouter.chat.send({
  chatRequest: {
    model: "${exampleModel}",
    messages: [{ role: "user", content: "Hello" }],
    provider: { dataCollection: "deny", maxPrice: { prompt: "1", completion: "2" } },
  },
});
console.log(result.choices[0].message.content);`;

  const otherClients = `// Vercel AI SDK (npm install ai @openrouter/ai-sdk-provider)
import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { generateText } from "ai";
const openrouter = createOpenRouter({ baseURL: "${apiBaseUrl}", apiKey: process.env.PRIVET_API_KEY });
const { text } = await generateText({ model: openrouter.chat("${exampleModel}", { provider: { zdr: true } }), prompt: "Hello" });

// LangChain (npm install @langchain/openai)
import { ChatOpenAI } from "@langchain/openai";
const chat = new ChatOpenAI({
  model: "${exampleModel}",
  apiKey: process.env.PRIVET_API_KEY,
  configuration: { baseURL: "${apiBaseUrl}" },
  modelKwargs: { provider: { data_collection: "deny" } },
});
const answer = await chat.invoke("Hello");`;

  return (
    <DocSection id="sdks" title="With OpenRouter's, OpenAI's and other SDKs">
      <Prose>
        <p>
          Point the official {B("openai")} package at {B(apiBaseUrl)}. Privet&apos;s extra response fields (
          {B("provider")}, {B("usage.cost")}) arrive as extra fields of the SDK&apos;s objects; the receipt headers are
          on the raw response.
        </p>
      </Prose>
      <Prose>
        <p>
          OpenRouter&apos;s own SDK ({B("@openrouter/sdk")}) checks every answer against OpenRouter&apos;s schemas;
          Privet&apos;s answers pass them, streamed chunks included. Give it Privet&apos;s address as {B("serverURL")}.
          The Vercel AI SDK with OpenRouter&apos;s provider and LangChain&apos;s {B("ChatOpenAI")} work the same way,
          tools and streaming included.
        </p>
      </Prose>
      <CodeBlock label="OpenRouter's SDK (npm install @openrouter/sdk)" code={openRouterExample} isCopyable />
      <CodeBlock label="The Vercel AI SDK and LangChain" code={otherClients} isCopyable />
      <CodeBlock label="JavaScript (npm install openai)" code={jsExample} isCopyable />
      <CodeBlock label="Python (pip install openai)" code={pythonExample} isCopyable />
    </DocSection>
  );
}
