// GET /api/v1/models, /api/v1/models/{author}/{slug}/endpoints, /api/v1/providers — the catalog.
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import { endpointToApi, modelToApi, providerToApi } from "@/lib/catalog/api";

export async function listModelsRoute({ res }: TApiContext): Promise<void> {
  const catalog = await getCatalog();
  sendJson(res, 200, { data: catalog.models.map(modelToApi) });
}

export async function modelEndpointsRoute({ res, params }: TApiContext): Promise<void> {
  const id = `${params.author}/${params.slug}`;
  const model = (await getCatalog()).modelById.get(id);
  if (!model) throw new AppError("not_found", `Model not found: ${id.slice(0, 200)}`);
  sendJson(res, 200, { data: { ...modelToApi(model), endpoints: model.endpoints.map((e) => endpointToApi(e, model)) } });
}

export async function listProvidersRoute({ res }: TApiContext): Promise<void> {
  const catalog = await getCatalog();
  sendJson(res, 200, { data: catalog.providers.map(providerToApi) });
}
