/** An admin page's shape while it loads: a heading and a table, without their content. */
export function AdminSkeleton({ label }: { label: string }) {
  const bar = "animate-pulse rounded-md bg-muted";
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <p className="sr-only" role="status">
        {label}
      </p>
      <div className="flex flex-col gap-2" aria-hidden="true">
        <div className={`${bar} h-7 w-40`} />
        <div className={`${bar} h-4 w-full max-w-xl`} />
      </div>
      <div className="flex flex-col gap-3 rounded-xl border bg-card p-5" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((row) => (
          <div key={row} className={`${bar} h-6 w-full`} />
        ))}
      </div>
    </div>
  );
}
