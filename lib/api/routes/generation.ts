// GET /api/v1/generation?id= — one metadata record, to its owner only (404 for anyone else).
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { findGeneration, generationToApi } from "@/lib/generations/generations";

export async function getGenerationRoute({ res, url, owner }: TApiContext): Promise<void> {
  const id = url.searchParams.get("id");
  if (!id) throw new AppError("bad_request", "Missing query parameter: id.", { metadata: { field: "id" } });
  const generation = id.length <= 100 ? await findGeneration(owner.userId, id) : null;
  if (!generation) throw new AppError("not_found", "Generation not found.");
  sendJson(res, 200, { data: generationToApi(generation) });
}
