import { cn } from "@/components/ui/cn";

function Block({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-muted", className)} />;
}

/** The activity page's shape while it loads, so nothing jumps when it arrives. */
export function ActivitySkeleton() {
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-8 px-4 py-8 sm:px-6 lg:py-12" aria-busy="true">
      <p role="status" className="sr-only">
        Loading your activity…
      </p>
      <div className="flex flex-col gap-3">
        <Block className="h-9 w-40" />
        <Block className="h-5 w-full max-w-xl" />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex flex-col gap-3 rounded-xl border bg-card p-5">
            <Block className="h-4 w-16" />
            <Block className="h-8 w-28" />
            <Block className="h-4 w-40" />
          </div>
        ))}
      </div>
      <div className="flex flex-col gap-4 rounded-xl border bg-card p-5 sm:p-6">
        <Block className="h-6 w-48" />
        <Block className="h-48 w-full" />
      </div>
      <div className="flex flex-col gap-2 rounded-xl border bg-card p-4">
        {Array.from({ length: 8 }, (_, i) => (
          <Block key={i} className="h-8 w-full" />
        ))}
      </div>
    </div>
  );
}
