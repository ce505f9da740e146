"use client";

import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A checkbox with its label and a hint that screen readers announce as its description. */
export function CheckboxField({
  label,
  hint,
  isChecked,
  isDisabled = false,
  isCompact = false,
  onChange,
}: {
  label: string;
  hint: ReactNode;
  isChecked: boolean;
  isDisabled?: boolean;
  /** A smaller hint, for dense panels. */
  isCompact?: boolean;
  onChange: (value: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        checked={isChecked}
        disabled={isDisabled}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-hint`}
        className="mt-0.5 size-4 shrink-0 cursor-pointer accent-[var(--color-brand)] disabled:cursor-not-allowed"
      />
      <div className="flex min-w-0 flex-col gap-0.5">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-hint`} className={cn(isCompact ? "text-xs" : "text-sm", "text-muted-foreground")}>
          {hint}
        </p>
      </div>
    </div>
  );
}
