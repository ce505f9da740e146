"use client";

import { cn } from "@/components/ui/cn";

/** Marks a setting whose value differs from the saved one. */
export function ChangedMark() {
  return (
    <span className="rounded-full bg-warning-soft px-1.5 py-0.5 text-[11px] leading-none font-medium text-warning">
      Unsaved
    </span>
  );
}

/**
 * One on/off setting: a real `role="switch"` button named by its label, described by its one
 * sentence. Clicking the label toggles it too (a label activates the button it is for).
 */
export function SettingSwitch({
  id,
  label,
  description,
  checked,
  onCheckedChange,
  isChanged = false,
  disabled = false,
}: {
  id: string;
  label: string;
  description: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  /** Differs from the saved value: marked so the unsaved change is easy to spot. */
  isChanged?: boolean;
  disabled?: boolean;
}) {
  const labelId = `${id}-label`;
  const descriptionId = `${id}-description`;
  return (
    <div className="flex items-start justify-between gap-4 py-4 first:pt-0 last:pb-0">
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <label id={labelId} htmlFor={id} className="cursor-pointer text-sm font-medium">
            {label}
          </label>
          {isChanged ? <ChangedMark /> : null}
        </div>
        <p id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </p>
      </div>
      <button
        id={id}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={labelId}
        aria-describedby={descriptionId}
        disabled={disabled}
        onClick={() => onCheckedChange(!checked)}
        className={cn(
          "relative mt-0.5 inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full border-2 border-transparent transition-colors",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:cursor-not-allowed disabled:opacity-60",
          checked ? "bg-brand" : "bg-input",
        )}
      >
        <span
          aria-hidden="true"
          className={cn(
            "pointer-events-none block size-5 rounded-full bg-white shadow-sm ring-0 transition-transform",
            checked ? "translate-x-5" : "translate-x-0",
          )}
        />
      </button>
    </div>
  );
}
