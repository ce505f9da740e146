// GET /api/v1/models, /api/v1/model/{author}/{slug}, /api/v1/models/{author}/{slug}/endpoints,
// /api/v1/providers — the catalog, in OpenRouter's shapes.
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/catalog/store";
import type { TModel } from "@/lib/catalog/types";
import { modelEndpointsToApi, modelToApi, providerToApi } from "@/lib/catalog/api";

export async function listModelsRoute({ res }: TApiContext): Promise<void> {
  const catalog = await getCatalog();
  // One page holds the whole catalog: no next page.
  sendJson(res, 200, {
    data: catalog.models.map(modelToApi),
    links: { next: null },
    total_count: catalog.models.length,
  });
}

async function modelOf(params: TApiContext["params"]): Promise<TModel> {
  const id = `${params.author}/${params.slug}`;
  const model = (await getCatalog()).modelById.get(id);
  if (!model) throw new AppError("not_found", `Model not found: ${id.slice(0, 200)}`);
  return model;
}

export async function getModelRoute({ res, params }: TApiContext): Promise<void> {
  sendJson(res, 200, { data: modelToApi(await modelOf(params)) });
}

export async function modelEndpointsRoute({ res, params }: TApiContext): Promise<void> {
  sendJson(res, 200, { data: modelEndpointsToApi(await modelOf(params)) });
}

export async function listProvidersRoute({ res }: TApiContext): Promise<void> {
  const catalog = await getCatalog();
  sendJson(res, 200, { data: catalog.providers.map(providerToApi) });
}
