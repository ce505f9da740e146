"use client";

import { useState, useTransition, type ReactNode } from "react";
import type { TResult } from "@/lib/errors";
import { Button, type TButtonSize, type TButtonVariant } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field-error";

/**
 * A button that asks before it runs a destructive action. The dialog stays open with the error
 * when the action fails, and closes (then calls onSuccess) when it succeeds.
 */
export function ConfirmAction<T>({
  trigger,
  triggerVariant = "outline",
  triggerSize = "sm",
  triggerLabel,
  title,
  description,
  confirmLabel,
  pendingLabel,
  run,
  onSuccess,
  disabled,
}: {
  trigger: ReactNode;
  triggerVariant?: TButtonVariant;
  triggerSize?: TButtonSize;
  /** Accessible name of the trigger when its text alone is ambiguous. */
  triggerLabel?: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  run: () => Promise<TResult<T>>;
  onSuccess: (data: T) => void;
  disabled?: boolean;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function onOpenChange(open: boolean) {
    if (isPending) return;
    setIsOpen(open);
    if (!open) setError(null);
  }

  function onConfirm() {
    setError(null);
    startTransition(async () => {
      const result = await run();
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setIsOpen(false);
      onSuccess(result.data);
    });
  }

  return (
    <>
      <Button
        variant={triggerVariant}
        size={triggerSize}
        onClick={() => setIsOpen(true)}
        aria-label={triggerLabel}
        disabled={disabled}
      >
        {trigger}
      </Button>
      <Dialog open={isOpen} onOpenChange={onOpenChange} title={title} description={description}>
        <div className="flex flex-col gap-4">
          <FormError message={error} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => onOpenChange(false)} disabled={isPending} autoFocus>
              Cancel
            </Button>
            <Button variant="destructive" onClick={onConfirm} isPending={isPending}>
              {isPending ? pendingLabel : confirmLabel}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
