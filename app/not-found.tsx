import Link from "next/link";
import type { Metadata } from "next";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-start justify-center gap-4 px-4 py-16 sm:px-6">
      <p className="font-mono text-sm font-medium text-brand">404</p>
      <h1 className="text-3xl font-semibold tracking-tight">This page does not exist</h1>
      <p className="text-muted-foreground">
        The link may be old, or the address mistyped. If you followed a link inside Privet, that part may not be built
        yet.
      </p>
      <div className="mt-2 flex flex-wrap gap-3">
        <Link href="/" className={buttonClasses()}>
          Go to the home page
        </Link>
        <Link href="/docs" className={buttonClasses({ variant: "outline" })}>
          Read the docs
        </Link>
      </div>
    </div>
  );
}
