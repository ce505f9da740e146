// GET /api/v1/generation/content?id= — the logged prompt and completion, to the owner, when stored.
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { findGenerationContent } from "@/lib/content/content";

export async function getGenerationContentRoute({ res, url, owner }: TApiContext): Promise<void> {
  const id = url.searchParams.get("id");
  if (!id) throw new AppError("bad_request", "Missing query parameter: id.", { metadata: { field: "id" } });
  const content = id.length <= 100 ? await findGenerationContent(owner.userId, id) : null;
  if (!content)
    throw new AppError(
      "not_found",
      "No stored content for this generation (prompt logging was off, the content expired or was deleted, or the id is not yours).",
    );
  sendJson(res, 200, { data: content });
}
