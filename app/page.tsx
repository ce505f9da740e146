import Link from "next/link";
import { ArrowRight, EyeOff, Route, Terminal } from "lucide-react";
import { getSessionAccount } from "@/lib/auth/session";
import { getExampleModelId } from "@/lib/docs/catalog-pages";
import { publicBaseUrl } from "@/lib/env";
import { buttonClasses } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";

const FEATURES = [
  {
    Icon: Route,
    title: "Your data policy decides the route",
    body: "Turn off providers that may train on prompts, require zero data retention, or ignore providers outright. If no provider fits, the request is refused, never quietly sent elsewhere.",
  },
  {
    Icon: Terminal,
    title: "An OpenAI-compatible API",
    body: "Point the openai SDK, or any OpenAI-compatible client, at this install with a Privet key. Routing preferences, fallbacks and the data-policy filters are documented in the API reference.",
  },
  {
    Icon: EyeOff,
    title: "Nothing stored unless you opt in",
    body: "Prompts and replies are never written to disk or logs by default; each request leaves only metadata. Opt in to logging and content is encrypted, expires, and is yours to delete.",
  },
];

export default async function HomePage() {
  const [account, exampleModel] = await Promise.all([getSessionAccount(), getExampleModelId()]);
  const example = `from openai import OpenAI

client = OpenAI(
    base_url="${publicBaseUrl()}/api/v1",
    api_key="sk-pv-…",
)

client.chat.completions.create(
    model="${exampleModel}",
    messages=[{"role": "user", "content": "Hello"}],
    # Per request you can only tighten your settings:
    extra_body={"provider": {"data_collection": "deny"}},
)`;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 sm:px-6">
      <section className="grid items-center gap-10 py-14 sm:py-20 lg:grid-cols-[1.1fr_1fr] lg:gap-14">
        <div className="flex flex-col items-start gap-6">
          <p className="rounded-full border bg-card px-3 py-1 text-xs font-medium text-muted-foreground">
            Self-hostable · privacy-first LLM router
          </p>
          <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Use any model. <span className="text-brand">Keep your prompts to yourself.</span>
          </h1>
          <p className="max-w-xl text-lg text-pretty text-muted-foreground">
            Privet sends your chats and API calls only to providers whose data policy you accept, and stores nothing you
            type unless you ask it to. Every reply tells you who served it and what they keep.
          </p>
          <div className="flex flex-wrap gap-3">
            {account ? (
              <>
                <Link href="/chat" className={buttonClasses({ size: "lg" })}>
                  Open chat <ArrowRight className="size-4" aria-hidden="true" />
                </Link>
                <Link href="/settings/keys" className={buttonClasses({ size: "lg", variant: "outline" })}>
                  Manage API keys
                </Link>
              </>
            ) : (
              <>
                <Link href="/sign-up" className={buttonClasses({ size: "lg" })}>
                  Create an account <ArrowRight className="size-4" aria-hidden="true" />
                </Link>
                <Link href="/docs" className={buttonClasses({ size: "lg", variant: "outline" })}>
                  Read the docs
                </Link>
              </>
            )}
          </div>
        </div>
        <CodeBlock label="Python, with the official openai package" code={example} />
      </section>

      <section aria-labelledby="why-heading" className="border-t py-14 sm:py-16">
        <h2 id="why-heading" className="sr-only">
          What Privet does
        </h2>
        <ul className="grid gap-8 md:grid-cols-3">
          {FEATURES.map(({ Icon, title, body }) => (
            <li key={title} className="flex flex-col gap-3">
              <span className="grid size-10 place-items-center rounded-lg bg-brand-soft text-brand">
                <Icon className="size-5" aria-hidden="true" />
              </span>
              <h3 className="font-semibold">{title}</h3>
              <p className="text-sm leading-relaxed text-muted-foreground">{body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
