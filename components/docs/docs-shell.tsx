import type { ReactNode } from "react";
import { DocsNav } from "@/components/docs/docs-nav";

/** The frame of every docs page (/docs, /models, /providers): the section tabs above the content. */
export function DocsShell({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-6 sm:px-6 lg:gap-10 lg:py-8">
      <DocsNav />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
