/** The shape of a docs page while its data loads: a title, a paragraph, and a table or list. */
export function DocsSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="flex animate-pulse flex-col gap-6">
      <div className="flex flex-col gap-3">
        <div className="h-8 w-64 max-w-full rounded-md bg-muted" />
        <div className="h-4 w-full max-w-xl rounded bg-muted" />
        <div className="h-4 w-4/5 max-w-lg rounded bg-muted" />
      </div>
      <div className="h-10 w-full max-w-xs rounded-md bg-muted" />
      <div className="flex flex-col gap-px overflow-hidden rounded-xl border">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-14 bg-muted/60" />
        ))}
      </div>
    </div>
  );
}
