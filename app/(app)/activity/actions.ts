"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/define-action";
import { AppError } from "@/lib/errors";
import { deleteAllActivity, deleteGenerationLog, type TDeletedActivity } from "@/lib/activity/deletion";
import { deleteAllContent, deleteGenerationContent } from "@/lib/content/content";

const ZGenerationId = z.object({ id: z.string().min(1).max(100) });
const ZNothing = z.object({}).strict();

/** Deletes one of the signed-in account's records with its content; another account's id is "not found". */
export const deleteGenerationLogAction = authedAction(
  "deleteGenerationLog",
  ZGenerationId,
  async (account, { id }): Promise<{ id: string }> => {
    await deleteGenerationLog(account.id, id);
    revalidatePath("/activity", "layout");
    return { id };
  },
);

/** Deletes one record's logged content; the record stays, marked as holding none. */
export const deleteGenerationContentAction = authedAction(
  "deleteGenerationContent",
  ZGenerationId,
  async (account, { id }): Promise<{ id: string }> => {
    const isDeleted = await deleteGenerationContent(account.id, id);
    if (!isDeleted)
      throw new AppError(
        "not_found",
        "There is no stored content for this request (it may have expired or been deleted).",
      );
    revalidatePath("/activity", "layout");
    return { id };
  },
);

export const deleteAllContentAction = authedAction(
  "deleteAllContent",
  ZNothing,
  async (account): Promise<{ count: number }> => {
    const count = await deleteAllContent(account.id);
    revalidatePath("/activity", "layout");
    revalidatePath("/settings/account");
    return { count };
  },
);

export const deleteAllActivityAction = authedAction(
  "deleteAllActivity",
  ZNothing,
  async (account): Promise<TDeletedActivity> => {
    const deleted = await deleteAllActivity(account.id);
    revalidatePath("/activity", "layout");
    revalidatePath("/settings/account");
    return deleted;
  },
);
