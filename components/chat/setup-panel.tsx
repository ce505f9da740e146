import Link from "next/link";
import { PlugZap } from "lucide-react";
import { PROVIDERS_HREF } from "@/lib/chat/links";
import type { TSetupHelp } from "@/lib/chat/types";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";

/** Shown instead of the chat when this install cannot call any provider yet. */
export function SetupPanel({ setup }: { setup: TSetupHelp }) {
  const example = setup.envVars[0] ?? "OPENAI_API_KEY";
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
              ? "Every model in the catalog needs a provider key that this server does not have, so there is nobody to send a message to. Any one of these gets you going:"
              : "The provider catalog has no models, so there is nothing to chat with. Load a catalog, then:"}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-5 text-sm">
          <section className="flex flex-col gap-2">
            <h2 className="font-medium">1. Set a provider key and restart Privet</h2>
            {setup.envVars.length > 0 ? (
              <p className="text-muted-foreground">
                The catalog reads these variables:{" "}
                {setup.envVars.map((name, index) => (
                  <span key={name}>
                    {index > 0 ? ", " : null}
                    <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs text-foreground">{name}</code>
                  </span>
                ))}
                .
              </p>
            ) : null}
            <CodeBlock code={`${example}=sk-… npm start`} label="For example" />
          </section>
          <section className="flex flex-col gap-2">
            <h2 className="font-medium">2. Or run a model on this machine</h2>
            <p className="text-muted-foreground">
              Start{" "}
              <a href="https://ollama.com" className="text-brand underline-offset-2 hover:underline">
                Ollama
              </a>{" "}
              (or any OpenAI-compatible server such as vLLM or llama.cpp) and add it to your catalog as a provider
              without a key.
            </p>
          </section>
          <section className="flex flex-col gap-2">
            <h2 className="font-medium">3. Or try the demo</h2>
            <p className="text-muted-foreground">
              It starts a built-in mock provider, so you can see routing and receipts without any key.
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
