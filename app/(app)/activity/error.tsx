"use client";

import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";

// The message of a server error is never shown (it could hold details meant for the log); the digest is the reference.
export default function ActivityError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-start justify-center gap-4 px-4 py-16 sm:px-6">
      <p className="font-mono text-sm font-medium text-destructive">Error</p>
      <h1 className="text-3xl font-semibold tracking-tight">Your activity could not be loaded</h1>
      <p className="text-muted-foreground">
        Nothing was lost: this is a problem showing it. Try again; if it keeps happening, tell whoever runs this install
        {digest ? " and give them the reference below" : ""}.
      </p>
      {digest ? (
        <p className="text-sm text-muted-foreground">
          Reference: <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">{digest}</code>
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <Link href="/activity" className={buttonClasses({ variant: "outline" })}>
          Reset the view
        </Link>
      </div>
    </div>
  );
}
