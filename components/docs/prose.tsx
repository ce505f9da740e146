import type { ReactNode } from "react";
import { Info, TriangleAlert } from "lucide-react";
import { cn } from "@/components/ui/cn";

/** One titled part of a docs page, linkable by its id. */
export function DocSection({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-heading`}
      className={cn("flex scroll-mt-24 flex-col gap-4 border-t pt-8", className)}
    >
      <h2 id={`${id}-heading`} className="group text-xl font-semibold tracking-tight">
        {title}
        <a
          href={`#${id}`}
          className="ml-2 text-muted-foreground opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
          aria-label={`Link to “${title}”`}
        >
          #
        </a>
      </h2>
      {children}
    </section>
  );
}

export function SubSection({ id, title, children }: { id?: string; title: string; children: ReactNode }) {
  return (
    <div id={id} className="flex scroll-mt-24 flex-col gap-3">
      <h3 className="text-base font-semibold">{title}</h3>
      {children}
    </div>
  );
}

/** Body text with lists, links and inline code styled for reading. */
export function Prose({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div
      className={cn(
        "flex max-w-3xl flex-col gap-3 leading-7 text-foreground/90",
        "[&_a]:font-medium [&_a]:text-brand [&_a]:underline-offset-4 [&_a:hover]:underline",
        "[&_ol]:flex [&_ol]:list-decimal [&_ol]:flex-col [&_ol]:gap-1.5 [&_ol]:pl-5 [&_ul]:flex [&_ul]:list-disc [&_ul]:flex-col [&_ul]:gap-1.5 [&_ul]:pl-5",
        "[&_strong]:font-semibold [&_strong]:text-foreground",
        className,
      )}
    >
      {children}
    </div>
  );
}

export function Code({ children }: { children: ReactNode }) {
  return (
    <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-[0.85em] break-words text-foreground">
      {children}
    </code>
  );
}

export function Callout({
  tone = "info",
  title,
  children,
}: {
  tone?: "info" | "warning";
  title: string;
  children: ReactNode;
}) {
  const Icon = tone === "warning" ? TriangleAlert : Info;
  return (
    <aside
      className={cn(
        "flex max-w-3xl gap-3 rounded-lg border px-4 py-3 text-sm leading-6",
        tone === "warning" ? "border-warning/30 bg-warning-soft" : "border-brand/30 bg-brand-soft",
      )}
    >
      <Icon
        className={cn("mt-0.5 size-4 shrink-0", tone === "warning" ? "text-warning" : "text-brand")}
        aria-hidden="true"
      />
      <div className="flex flex-col gap-1">
        <p className="font-semibold">{title}</p>
        <div className="text-foreground/90 [&_a]:font-medium [&_a]:text-brand [&_a]:underline-offset-4 [&_a:hover]:underline">
          {children}
        </div>
      </div>
    </aside>
  );
}

/** A reference table (fields, statuses) that scrolls inside itself on phones. */
export function RefTable({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="relative max-w-full overflow-x-auto rounded-xl border bg-card shadow-xs">
      <table className="w-full min-w-[36rem] border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b bg-muted">
          <tr>
            {head.map((label) => (
              <th
                key={label}
                scope="col"
                className="px-4 py-2.5 text-left text-xs font-medium tracking-wide whitespace-nowrap text-muted-foreground uppercase"
              >
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i} className="border-b align-top last:border-b-0">
              {cells.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className="px-4 py-3 text-left font-normal whitespace-nowrap">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className="px-4 py-3 leading-6">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
