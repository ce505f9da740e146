import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";

/** What a filtered table shows when nothing matches: say so, and offer the way back. */
export function TableEmptyState({
  title,
  description,
  onClear,
}: {
  title: string;
  description: string;
  onClear: () => void;
}) {
  return (
    <div className="flex flex-col items-center gap-3 text-center">
      <SearchX className="size-8 text-muted-foreground" aria-hidden="true" />
      <div className="flex flex-col gap-1">
        <p className="font-medium">{title}</p>
        <p className="max-w-sm text-sm text-muted-foreground">{description}</p>
      </div>
      <Button variant="outline" size="sm" onClick={onClear}>
        Clear filters
      </Button>
    </div>
  );
}
