"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A modal dialog on the native <dialog> element, which brings focus trapping, Escape to close and
 * the inert background with it. `open` drives showModal()/close(); every way of closing reports
 * back through onOpenChange(false).
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  className,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={() => onOpenChange(false)}
      // A click on the dialog element itself (not its content) is a click on the backdrop.
      onClick={(event) => {
        if (event.target === event.currentTarget) onOpenChange(false);
      }}
      className={cn(
        // The dialog sits in the top layer but still inherits text styles from where it is rendered (a
        // table cell, say), so it resets them.
        "m-auto w-[calc(100%-2rem)] max-w-md rounded-xl border bg-card p-0 text-left text-base font-normal whitespace-normal text-card-foreground shadow-2xl backdrop:bg-black/50 backdrop:backdrop-blur-[2px]",
        className,
      )}
    >
      <div className="flex flex-col gap-4 p-6">
        <div className="flex flex-col gap-2">
          <h2 id={titleId} className="text-lg leading-tight font-semibold">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="text-sm text-muted-foreground">
              {description}
            </div>
          ) : null}
        </div>
        {children}
      </div>
    </dialog>
  );
}
