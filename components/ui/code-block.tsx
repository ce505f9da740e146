import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * Preformatted code with a caption. Scrolls sideways on narrow screens instead of wrapping.
 * `isCopyable` adds a copy button to the caption bar (the label names what is copied).
 */
export function CodeBlock({
  code,
  label,
  isCopyable = false,
  className,
}: {
  code: string;
  label?: string;
  isCopyable?: boolean;
  className?: string;
}) {
  return (
    <figure className={cn("min-w-0 overflow-hidden rounded-xl border bg-muted/60", className)}>
      {isCopyable ? (
        <div className="flex items-center justify-between gap-3 border-b py-1 pr-1 pl-4">
          {label ? (
            <figcaption className="min-w-0 text-xs font-medium text-muted-foreground">{label}</figcaption>
          ) : (
            <span />
          )}
          <CopyButton value={code} size="sm" />
        </div>
      ) : label ? (
        <figcaption className="border-b px-4 py-2 text-xs font-medium text-muted-foreground">{label}</figcaption>
      ) : null}
      {/* tabIndex lets keyboard users scroll the block sideways. */}
      <pre tabIndex={0} className="overflow-x-auto p-4 font-mono text-[13px] leading-relaxed text-foreground">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
