// API reference section. The official OpenAI SDKs pointed at Privet.
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

  return (
    <DocSection id="sdks" title="With the OpenAI SDKs">
      <Prose>
        <p>
          Point the official {B("openai")} package at {B(apiBaseUrl)}. Privet&apos;s extra response fields ({B("provider")},{" "}
          {B("usage.cost")}) arrive as extra fields of the SDK&apos;s objects; the receipt headers are on the raw response.
        </p>
      </Prose>
      <CodeBlock label="JavaScript (npm install openai)" code={jsExample} isCopyable />
      <CodeBlock label="Python (pip install openai)" code={pythonExample} isCopyable />
    </DocSection>
  );
}
