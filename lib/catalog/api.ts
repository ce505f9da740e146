// The catalog as the public API shows it (the common router shapes, plus each endpoint's data policy,
// which other routers do not publish and Privet does).
import type { TDataPolicy, TEndpoint, TModel, TProvider } from "@/lib/catalog/types";
import { isKeyPresent } from "@/lib/catalog/build";
import { describeRetention, describeTraining, endpointPrice, formatDataPolicyHeader } from "@/lib/policy";

/** USD per million tokens → the per-token decimal string clients expect. */
function perToken(pricePerMillion: number): string {
  return String(Number((pricePerMillion / 1_000_000).toPrecision(12)));
}

export function dataPolicyToApi(policy: TDataPolicy) {
  return {
    training: policy.training,
    retains_prompts: policy.retainsPrompts,
    retention_days: policy.retentionDays,
    zdr: policy.zdr,
    can_publish: policy.canPublish,
    terms_url: policy.termsUrl,
    privacy_url: policy.privacyUrl,
    checked_at: policy.checkedAt,
    retention: describeRetention(policy),
    training_summary: describeTraining(policy),
    summary: formatDataPolicyHeader(policy),
  };
}

export function endpointToApi(endpoint: TEndpoint, model: TModel) {
  return {
    name: `${endpoint.provider.name} | ${model.id}`,
    model_id: model.id,
    provider_name: endpoint.provider.name,
    provider_slug: endpoint.provider.slug,
    context_length: endpoint.contextLength,
    max_completion_tokens: endpoint.maxOutputTokens,
    pricing: { prompt: perToken(endpoint.pricing.prompt), completion: perToken(endpoint.pricing.completion), request: String(endpoint.pricing.request) },
    quantization: endpoint.quantization ?? "unknown",
    supported_parameters: endpoint.supportedParameters,
    is_free: endpoint.free,
    status: endpoint.isRoutable ? "available" : "not_configured",
    data_policy: dataPolicyToApi(endpoint.dataPolicy),
  };
}

export function modelToApi(model: TModel) {
  const cheapest = [...model.endpoints].sort((a, b) => endpointPrice(a) - endpointPrice(b))[0];
  return {
    id: model.id,
    name: model.name,
    description: model.description ?? "",
    context_length: model.contextLength,
    pricing: cheapest
      ? { prompt: perToken(cheapest.pricing.prompt), completion: perToken(cheapest.pricing.completion), request: String(cheapest.pricing.request) }
      : null,
    supported_parameters: [...new Set(model.endpoints.flatMap((e) => e.supportedParameters))].sort(),
    endpoint_count: model.endpoints.length,
    available_endpoint_count: model.endpoints.filter((e) => e.isRoutable).length,
  };
}

export function providerToApi(provider: TProvider) {
  return {
    slug: provider.slug,
    name: provider.name,
    api: provider.api,
    headquarters: provider.headquarters,
    is_configured: isKeyPresent(provider.apiKeyEnv, process.env),
    privacy_policy_url: provider.dataPolicy.privacyUrl,
    terms_of_service_url: provider.dataPolicy.termsUrl,
    data_policy: dataPolicyToApi(provider.dataPolicy),
  };
}
