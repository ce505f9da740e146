import { Construction } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";

/** A page whose feature is not built yet: its name and one sentence on what will be there. */
export function PlaceholderPage({ title, description }: { title: string; description: string }) {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 lg:py-14">
      <PageHeader title={title} description={description} />
      <p className="mt-8 inline-flex items-center gap-2 rounded-lg border border-dashed px-4 py-3 text-sm text-muted-foreground">
        <Construction className="size-4" aria-hidden="true" />
        This page is being built.
      </p>
    </div>
  );
}
