import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";

type TTone = "neutral" | "success" | "danger" | "warning";

const TONES: Record<TTone, string> = {
  neutral: "bg-muted text-muted-foreground",
  success: "bg-success-soft text-success",
  danger: "bg-destructive-soft text-destructive",
  warning: "bg-warning-soft text-warning",
};

export function Badge({ tone = "neutral", className, ...props }: ComponentProps<"span"> & { tone?: TTone }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        TONES[tone],
        className,
      )}
      {...props}
    />
  );
}
