import type { ReactNode } from "react";
import { Check } from "lucide-react";
import { cn } from "@/components/ui/cn";

/** An on/off filter button; `aria-pressed` tells assistive technology which state it is in. */
export function ToggleChip({
  isPressed,
  onPressedChange,
  isDisabled = false,
  children,
}: {
  isPressed: boolean;
  onPressedChange: (isPressed: boolean) => void;
  isDisabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={isPressed}
      disabled={isDisabled}
      onClick={() => onPressedChange(!isPressed)}
      className={cn(
        "inline-flex h-9 cursor-pointer items-center gap-1.5 rounded-full border px-3.5 text-sm font-medium whitespace-nowrap transition-colors disabled:cursor-default",
        isPressed
          ? "border-brand bg-brand-soft text-foreground"
          : "bg-card text-muted-foreground hover:bg-muted hover:text-foreground",
      )}
    >
      {isPressed ? <Check className="size-3.5 text-brand" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
