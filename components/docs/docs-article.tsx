import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";

export type TTocItem = { id: string; label: string };

function TocList({ items }: { items: TTocItem[] }) {
  return (
    <ul className="flex flex-col gap-1.5 text-sm">
      {items.map((item) => (
        <li key={item.id}>
          <a href={`#${item.id}`} className="text-muted-foreground hover:text-foreground">
            {item.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * A long docs page: title, the sections, and "On this page" — a sticky list beside the text on very
 * wide screens, a foldable list under the title otherwise.
 */
export function DocsArticle({
  title,
  description,
  toc,
  isTocBeside = true,
  children,
}: {
  title: string;
  description: ReactNode;
  toc: TTocItem[];
  /** False for pages with a wide table, which needs the room more than the list does. */
  isTocBeside?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="flex gap-10">
      <article className="flex min-w-0 flex-1 flex-col gap-8">
        <PageHeader title={title} description={description} />
        <details
          className={
            isTocBeside ? "rounded-lg border bg-card px-4 py-3 xl:hidden" : "rounded-lg border bg-card px-4 py-3"
          }
        >
          <summary className="cursor-pointer text-sm font-medium">On this page</summary>
          <nav aria-label="On this page" className="mt-3">
            <TocList items={toc} />
          </nav>
        </details>
        {children}
      </article>
      {isTocBeside ? (
        <nav aria-label="On this page" className="sticky top-24 hidden w-52 shrink-0 self-start xl:block">
          <p className="mb-3 text-xs font-medium tracking-wide text-muted-foreground uppercase">On this page</p>
          <TocList items={toc} />
        </nav>
      ) : null}
    </div>
  );
}
