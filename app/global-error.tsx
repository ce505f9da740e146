"use client";

import "./globals.css";

// Replaces the root layout when the layout itself fails (e.g. the database is unreachable), so it
// renders its own document and uses no component that needs the layout's providers.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh items-center justify-center bg-background px-4 font-sans text-foreground antialiased">
        <title>Something went wrong · Privet</title>
        <div className="flex max-w-md flex-col items-start gap-4">
          <h1 className="text-2xl font-semibold tracking-tight">Privet is having trouble</h1>
          <p className="text-muted-foreground">
            The page could not be loaded. Try again in a moment; if it keeps failing, the server log has the details.
          </p>
          <button
            type="button"
            onClick={() => retry()}
            className="h-10 cursor-pointer rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground"
          >
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
