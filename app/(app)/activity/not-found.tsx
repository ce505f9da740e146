import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function GenerationNotFound() {
  return (
    <div className="mx-auto flex w-full max-w-xl flex-1 flex-col items-start justify-center gap-4 px-4 py-16 sm:px-6">
      <p className="font-mono text-sm font-medium text-brand">404</p>
      <h1 className="text-3xl font-semibold tracking-tight">This request is not in your activity</h1>
      <p className="text-muted-foreground">It may have been deleted, or the link may belong to another account.</p>
      <Link href="/activity" className={buttonClasses()}>
        Back to your activity
      </Link>
    </div>
  );
}
