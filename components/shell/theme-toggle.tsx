"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { cn } from "@/components/ui/cn";
import { useIsClient } from "@/components/ui/use-is-client";

const OPTIONS = [
  { value: "light", label: "Light", Icon: Sun },
  { value: "dark", label: "Dark", Icon: Moon },
  { value: "system", label: "System", Icon: Monitor },
] as const;

/** Light / dark / system as three toggle buttons. The choice is only known in the browser. */
export function ThemeToggle({ showLabels = false, className }: { showLabels?: boolean; className?: string }) {
  const { theme, setTheme } = useTheme();
  const isClient = useIsClient();
  return (
    <div
      role="group"
      aria-label="Theme"
      className={cn("inline-flex items-center gap-0.5 rounded-lg border bg-card p-0.5", className)}
    >
      {OPTIONS.map(({ value, label, Icon }) => {
        const isSelected = isClient && theme === value;
        return (
          <button
            key={value}
            type="button"
            aria-pressed={isSelected}
            aria-label={showLabels ? undefined : `${label} theme`}
            title={showLabels ? undefined : `${label} theme`}
            onClick={() => setTheme(value)}
            className={cn(
              "inline-flex h-7 cursor-pointer items-center justify-center gap-1.5 rounded-md text-xs font-medium transition-colors",
              showLabels ? "flex-1 px-2.5" : "w-7",
              isSelected ? "bg-muted text-foreground shadow-xs" : "text-muted-foreground hover:text-foreground",
            )}
          >
            <Icon className="size-3.5" aria-hidden="true" />
            {showLabels ? label : null}
          </button>
        );
      })}
    </div>
  );
}
