/** The chat's shape while the page loads: sidebar, toolbar, an empty thread and the composer. */
export function ChatSkeleton() {
  return (
    <div
      data-fills-window
      className="mx-auto flex min-h-0 w-full max-w-6xl flex-1 md:px-6"
      aria-busy="true"
      aria-label="Loading the chat"
    >
      <div className="hidden w-72 shrink-0 flex-col gap-3 border-x p-3 md:flex">
        <div className="h-10 animate-pulse rounded-md bg-muted" />
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-8 animate-pulse rounded-md bg-muted/70" />
        ))}
      </div>
      <div className="flex min-w-0 flex-1 flex-col md:border-r">
        <div className="flex items-center gap-2 border-b px-4 py-2">
          <div className="h-9 w-40 animate-pulse rounded-md bg-muted" />
          <div className="h-9 w-24 animate-pulse rounded-md bg-muted" />
        </div>
        <div className="flex-1" />
        <div className="border-t px-3 py-3 sm:px-6">
          <div className="mx-auto h-14 max-w-3xl animate-pulse rounded-xl bg-muted" />
        </div>
      </div>
    </div>
  );
}
