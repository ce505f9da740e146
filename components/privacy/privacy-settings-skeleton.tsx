/** The privacy page's shape while it loads: the same cards, without their content. */
export function PrivacySettingsSkeleton() {
  const bar = "animate-pulse rounded-md bg-muted";
  return (
    <div className="flex flex-col gap-6" aria-busy="true">
      <p className="sr-only" role="status">
        Loading your privacy settings…
      </p>
      <div className="flex flex-col gap-2" aria-hidden="true">
        <div className={`${bar} h-7 w-32`} />
        <div className={`${bar} h-4 w-full max-w-xl`} />
      </div>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_19rem]" aria-hidden="true">
        <div className="flex flex-col gap-6">
          {[2, 4, 1].map((rows, card) => (
            <div key={card} className="flex flex-col gap-5 rounded-xl border bg-card p-5 sm:p-6">
              <div className={`${bar} h-5 w-40`} />
              {Array.from({ length: rows }, (_, row) => (
                <div key={row} className="flex items-center justify-between gap-4">
                  <div className="flex flex-1 flex-col gap-2">
                    <div className={`${bar} h-4 w-2/3`} />
                    <div className={`${bar} h-3 w-full max-w-md`} />
                  </div>
                  <div className={`${bar} h-6 w-11 rounded-full`} />
                </div>
              ))}
            </div>
          ))}
        </div>
        <div className="flex flex-col gap-3 rounded-xl border bg-card p-5 sm:p-6">
          <div className={`${bar} h-5 w-28`} />
          <div className={`${bar} h-16 w-full`} />
          <div className={`${bar} h-16 w-full`} />
          <div className={`${bar} h-24 w-full`} />
        </div>
      </div>
    </div>
  );
}
