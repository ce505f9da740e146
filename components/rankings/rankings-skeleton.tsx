/** The rankings page's shape while its aggregates load. */
export function RankingsSkeleton() {
  const bar = "animate-pulse rounded-md bg-muted";
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-10 sm:px-6 lg:py-14" aria-busy="true">
      <p className="sr-only" role="status">
        Loading the rankings…
      </p>
      <div className="flex flex-col gap-3" aria-hidden="true">
        <div className={`${bar} h-8 w-40`} />
        <div className={`${bar} h-4 w-full max-w-xl`} />
      </div>
      <div className="flex flex-wrap gap-2" aria-hidden="true">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className={`${bar} h-8 w-24 rounded-full`} />
        ))}
      </div>
      <div className="flex flex-col gap-4 rounded-xl border bg-card p-5 sm:p-6" aria-hidden="true">
        {[92, 70, 55, 38, 24].map((width) => (
          <div key={width} className="flex flex-col gap-1.5">
            <div className={`${bar} h-4 w-48`} />
            <div className={`${bar} h-2.5`} style={{ width: `${width}%` }} />
          </div>
        ))}
      </div>
    </div>
  );
}
