import { CodeBlock } from "@/components/ui/code-block";

/** How to call this install with a key, with its own base URL and one of its models filled in. */
export function KeyUsageExample({ baseUrl, exampleModel }: { baseUrl: string; exampleModel: string }) {
  const chat = `curl ${baseUrl}/api/v1/chat/completions \\
  -H "Authorization: Bearer $PRIVET_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "model": "${exampleModel}",
    "messages": [{ "role": "user", "content": "Hello" }]
  }'`;
  return (
    <div className="flex flex-col gap-3">
      <CodeBlock label="Send a chat completion" code={chat} />
      <p className="text-sm text-muted-foreground">
        Any OpenAI-compatible client works: set its base URL to{" "}
        <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs break-all text-foreground">
          {baseUrl}/api/v1
        </code>
        . To check a key, call{" "}
        <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-foreground">
          GET /api/v1/key
        </code>
        .
      </p>
    </div>
  );
}
