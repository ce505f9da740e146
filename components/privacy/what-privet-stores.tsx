import Link from "next/link";
import { BookOpen, Database, EyeOff, LineChart, Lock } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";

const ITEMS = [
  {
    Icon: Database,
    title: "A metadata record for every request",
    text: "Time, model, provider, token counts, cost, latency and status, so you can see your activity. Never the text.",
  },
  {
    Icon: Lock,
    title: "Your prompts and completions, only if you turn on prompt logging",
    text: "Encrypted at rest, visible to you alone, and deleted when the content retention ends or when you delete them.",
  },
  {
    Icon: LineChart,
    title: "A few anonymous category samples",
    text: "A small share of prompts is sorted into a category on this server for the rankings; without prompt logging only the category, model and day are kept.",
  },
  {
    Icon: EyeOff,
    title: "Nothing else",
    text: "No prompt text in logs, error messages or exports, and no third party sees your requests except the provider that serves them.",
  },
];

/** A short, plain summary of what Privet keeps, with the full explanation in the docs. */
export function WhatPrivetStores() {
  return (
    <section
      aria-labelledby="what-privet-stores-heading"
      className="flex flex-col gap-4 rounded-xl border bg-card p-5 shadow-xs sm:p-6"
    >
      <div className="flex flex-col gap-1.5">
        <h3 id="what-privet-stores-heading" className="text-base font-semibold">
          What Privet stores
        </h3>
        <p className="text-sm text-muted-foreground">
          Providers keep what their own policies say (see each one&apos;s policy in the docs); this is what Privet
          itself keeps.
        </p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2">
        {ITEMS.map(({ Icon, title, text }) => (
          <li key={title} className="flex gap-3">
            <span className="grid size-8 shrink-0 place-items-center rounded-lg bg-brand-soft text-brand">
              <Icon className="size-4" aria-hidden="true" />
            </span>
            <div className="flex flex-col gap-0.5">
              <p className="text-sm font-medium">{title}</p>
              <p className="text-sm text-muted-foreground">{text}</p>
            </div>
          </li>
        ))}
      </ul>
      <div>
        <Link href="/docs" className={buttonClasses({ variant: "outline", size: "sm" })}>
          <BookOpen className="size-4" aria-hidden="true" />
          How Privet handles your data
        </Link>
      </div>
    </section>
  );
}
