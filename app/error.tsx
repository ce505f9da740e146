"use client";

import Link from "next/link";
import { buttonClasses, Button } from "@/components/ui/button";

// Server errors arrive with a generic message and a digest (the reference in the server log);
// the message itself is never shown, since it could carry details meant for the log only.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-start justify-center gap-4 px-4 py-16 sm:px-6">
      <p className="font-mono text-sm font-medium text-destructive">Error</p>
      <h1 className="text-3xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-muted-foreground">
        Privet could not show this page. Trying again often helps; if it keeps happening, tell whoever runs this install
        {digest ? " and give them the reference below" : ""}.
      </p>
      {digest ? (
        <p className="text-sm text-muted-foreground">
          Reference: <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">{digest}</code>
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <Link href="/" className={buttonClasses({ variant: "outline" })}>
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
