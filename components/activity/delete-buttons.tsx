"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Trash2 } from "lucide-react";
import { ConfirmAction } from "@/components/activity/confirm-action";
import { formatInteger } from "@/lib/format";
import type { TDeleteAllActivityAction, TDeleteAllContentAction, TIdAction } from "@/components/activity/types";

const plural = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`;

/** Deletes one record (and its content), then returns to the activity list. */
export function DeleteLogButton({ id, action }: { id: string; action: TIdAction }) {
  const router = useRouter();
  return (
    <ConfirmAction
      trigger={
        <>
          <Trash2 className="size-4" aria-hidden="true" />
          Delete this log
        </>
      }
      title="Delete this request's log?"
      description="Its metadata record, any logged prompt and completion, and its share of your activity totals are deleted for good."
      confirmLabel="Delete log"
      pendingLabel="Deleting…"
      run={() => action({ id })}
      onSuccess={() => {
        toast.success("The log was deleted.");
        router.push("/activity");
      }}
    />
  );
}

/** Deletes one record's logged content; the metadata record stays. */
export function DeleteContentButton({ id, action }: { id: string; action: TIdAction }) {
  const router = useRouter();
  return (
    <ConfirmAction
      trigger={
        <>
          <Trash2 className="size-4" aria-hidden="true" />
          Delete content
        </>
      }
      title="Delete this prompt and completion?"
      description="The logged text is deleted for good. The request's metadata (model, tokens, cost, timing) stays in your activity."
      confirmLabel="Delete content"
      pendingLabel="Deleting…"
      run={() => action({ id })}
      onSuccess={() => {
        toast.success("The prompt and completion were deleted.");
        router.refresh();
      }}
    />
  );
}

export function DeleteAllContentButton({
  action,
  storedCount,
}: {
  action: TDeleteAllContentAction;
  storedCount?: number;
}) {
  const router = useRouter();
  return (
    <ConfirmAction
      trigger="Delete all logged content"
      title="Delete all logged content?"
      description={
        <p>
          Every stored prompt and completion
          {storedCount === undefined ? "" : ` (${plural(storedCount, "request", "requests")})`} is deleted for good.
          Your activity (the metadata of each request) stays. Prompt logging stays as you set it.
        </p>
      }
      confirmLabel="Delete all content"
      pendingLabel="Deleting…"
      run={() => action({})}
      onSuccess={({ count }) => {
        toast.success(
          count === 0
            ? "There was no logged content to delete."
            : `Deleted the content of ${plural(count, "request", "requests")}.`,
        );
        router.refresh();
      }}
    />
  );
}

export function DeleteAllActivityButton({ action }: { action: TDeleteAllActivityAction }) {
  const router = useRouter();
  return (
    <ConfirmAction
      trigger="Delete all activity"
      triggerVariant="destructive"
      title="Delete all your activity?"
      description={
        <div className="flex flex-col gap-2">
          <p>
            Every request record, its logged content, the category samples linked to it, and your spend and usage
            history are deleted for good. Your account, API keys and settings stay.
          </p>
          <p>
            Anonymous samples are not affected: they hold only a category, a model and a day, with nothing that ties
            them to you, so they cannot be found as yours.
          </p>
        </div>
      }
      confirmLabel="Delete all activity"
      pendingLabel="Deleting…"
      run={() => action({})}
      onSuccess={({ records }) => {
        toast.success(
          records === 0 ? "There was no activity to delete." : `Deleted ${plural(records, "request", "requests")}.`,
        );
        router.refresh();
      }}
    />
  );
}
