import Link from "next/link";
import { PlugZap } from "lucide-react";
import { PROVIDERS_HREF } from "@/lib/chat/links";
import type { TSetupHelp } from "@/lib/chat/types";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";

/** How many key variables the panel names before "and N more". */
const KEYS_NAMED = 8;

function EnvName({ name }: { name: string }) {
  return <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-foreground">{name}</code>;
}

/**
 * Shown instead of the chat when this install cannot call any provider yet, so that no first
 * message is sent only to fail. Worded for whoever runs the server: that is who can fix it.
 */
export function SetupPanel({ setup }: { setup: TSetupHelp }) {
  const example = setup.envVars.find((name) => name !== "OLLAMA_API_KEY") ?? "OPENAI_API_KEY";
  const named = setup.envVars.slice(0, KEYS_NAMED);
  const more = setup.envVars.length - named.length;
  const hasOllama = setup.envVars.includes("OLLAMA_API_KEY");
  return (
    <div className="mx-auto w-full max-w-2xl px-4 py-10 sm:px-6">
      <Card>
        <CardHeader>
          <span className="grid size-10 place-items-center rounded-lg bg-brand-soft text-brand" aria-hidden="true">
            <PlugZap className="size-5" />
          </span>
          <CardTitle as="h1">No provider is set up yet</CardTitle>
          <CardDescription>
            {setup.hasModels
              ? "Every model in the catalog needs a provider key that this server does not have, so there is nobody to send a message to yet. Whoever runs this Privet server can fix that in one of these ways:"
              : "The provider catalog has no models, so there is nothing to chat with. Whoever runs this Privet server can load a catalog, then:"}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-5 text-sm">
          <section className="flex flex-col gap-2">
            <h2 className="font-medium">1. Set a provider key and restart Privet</h2>
            {named.length > 0 ? (
              <p className="text-muted-foreground">
                The catalog reads{" "}
                {named.map((name, index) => (
                  <span key={name}>
                    {index > 0 ? ", " : null}
                    <EnvName name={name} />
                  </span>
                ))}
                {more > 0 ? ` and ${more} more (each provider's apiKeyEnv in the catalog file)` : null}.
              </p>
            ) : null}
            <CodeBlock code={`${example}=… npm start`} label="For example" />
          </section>
          <section className="flex flex-col gap-2">
            <h2 className="font-medium">2. Or run a model on this machine</h2>
            <p className="text-muted-foreground">
              Start{" "}
              <a href="https://ollama.com" className="text-brand underline-offset-2 hover:underline">
                Ollama
              </a>{" "}
              {hasOllama ? (
                <>
                  and start Privet with <EnvName name="OLLAMA_API_KEY" /> set to any value (Ollama ignores it; it turns
                  the local provider on).
                </>
              ) : (
                "(or any OpenAI-compatible server such as vLLM or llama.cpp) and add it to the catalog as a provider without a key."
              )}
            </p>
            {hasOllama ? <CodeBlock code="OLLAMA_API_KEY=ollama npm start" /> : null}
          </section>
          <section className="flex flex-col gap-2">
            <h2 className="font-medium">3. Or try the demo</h2>
            <p className="text-muted-foreground">
              It starts built-in demo providers, so you can see streaming, routing, fallbacks and receipts without any
              key. Its accounts and activity are kept apart from this install&apos;s.
            </p>
            <CodeBlock code="npm run demo" />
          </section>
          <p className="text-muted-foreground">
            The{" "}
            <Link href={PROVIDERS_HREF} className="text-brand underline-offset-2 hover:underline">
              providers page
            </Link>{" "}
            shows which providers this server can call.
          </p>
        </CardContent>
      </Card>
    </div>
  );
}
