import { cn } from "@/components/ui/cn";

function Block({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-muted", className)} />;
}

export function GenerationSkeleton() {
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6 lg:py-12" aria-busy="true">
      <p role="status" className="sr-only">
        Loading the request…
      </p>
      <Block className="h-4 w-20" />
      <Block className="h-9 w-72 max-w-full" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex flex-col gap-3 rounded-xl border bg-card p-6">
          <Block className="h-6 w-40" />
          <Block className="h-4 w-full" />
          <Block className="h-4 w-2/3" />
        </div>
      ))}
    </div>
  );
}
