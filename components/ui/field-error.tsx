import { CircleAlert } from "lucide-react";
import { cn } from "@/components/ui/cn";

/**
 * The message under a field. Give it the id the input names in `aria-describedby`; `role="alert"`
 * makes screen readers announce it when it appears after a submit.
 */
export function FieldError({ id, message, className }: { id: string; message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className={cn("flex items-start gap-1.5 text-sm text-destructive", className)}>
      <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>{message}</span>
    </p>
  );
}

/** A form-level error (one that belongs to no single field), e.g. "Wrong email or password." */
export function FormError({ id, message }: { id?: string; message?: string | null }) {
  if (!message) return null;
  return (
    <div
      id={id}
      role="alert"
      className="flex items-start gap-2 rounded-md border border-destructive/30 bg-destructive-soft px-3 py-2.5 text-sm text-destructive"
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>{message}</span>
    </div>
  );
}
