"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field-error";
import type { TDeleteLoggedContentAction } from "@/components/privacy/types";

const items = (n: number) => `${n} logged item${n === 1 ? "" : "s"}`;

/**
 * Offers to delete what prompt logging already stored. Shown after logging is turned off (turning
 * it off stops new logging only) and from the note that remains while old items are kept.
 */
export function DeleteLoggedContentDialog({
  open,
  onOpenChange,
  count,
  contentRetentionDays,
  deleteAction,
  onDeleted,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  count: number;
  contentRetentionDays: number;
  deleteAction: TDeleteLoggedContentAction;
  onDeleted: (deleted: number) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function close(next: boolean) {
    if (isPending) return;
    onOpenChange(next);
    if (!next) setError(null);
  }

  function onDelete() {
    startTransition(async () => {
      const result = await deleteAction({});
      if (!result.ok) {
        setError(result.error);
        return;
      }
      onDeleted(result.data.deleted);
      onOpenChange(false);
      toast.success(
        result.data.deleted === 0 ? "There was nothing left to delete." : `Deleted ${items(result.data.deleted)}.`,
      );
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={`Delete the ${items(count)} too?`}
      description={
        <div className="flex flex-col gap-2">
          <p>
            Prompt logging is off, so nothing new will be stored. The prompts and completions logged before are still
            kept until their retention ends, at most {contentRetentionDays} day{contentRetentionDays === 1 ? "" : "s"}{" "}
            after each was logged.
          </p>
          <p>Delete them now? Your activity records (tokens, cost, provider) stay. This cannot be undone.</p>
        </div>
      }
    >
      <div className="flex flex-col gap-4">
        <FormError message={error} />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={() => close(false)} disabled={isPending} autoFocus>
            Keep them
          </Button>
          <Button variant="destructive" onClick={onDelete} isPending={isPending}>
            {isPending ? "Deleting…" : `Delete ${items(count)}`}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
