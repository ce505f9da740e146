// The catalog as the public API shows it: OpenRouter's model and endpoint objects (its SDK's
// schemas are the contract, tests/integration/clients/), plus Privet's own fields — each endpoint's
// data policy, which other routers do not publish, and whether it is configured here.
import type { TDataPolicy, TEndpoint, TModel, TProvider } from "@/lib/catalog/types";
import { isKeyPresent } from "@/lib/catalog/build";
import { describeRetention, describeTraining, endpointPrice, formatDataPolicyHeader } from "@/lib/policy";

/** A number as a plain decimal string, never in exponent form: 1e-7 → "0.0000001". */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, rest = "", exponentText] = match;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** USD per million tokens → the per-token decimal string clients expect. */
function perToken(pricePerMillion: number): string {
  return plainDecimal(Number((pricePerMillion / 1_000_000).toPrecision(12)));
}

function pricingToApi(pricing: TEndpoint["pricing"]) {
  const out: Record<"prompt" | "completion" | "request", string> &
    Partial<Record<"input_cache_read" | "input_cache_write", string>> = {
    prompt: perToken(pricing.prompt),
    completion: perToken(pricing.completion),
    request: plainDecimal(pricing.request),
  };
  // OpenRouter names cache prices only where the provider has them.
  if (pricing.cacheRead !== null) out.input_cache_read = perToken(pricing.cacheRead);
  if (pricing.cacheWrite !== null) out.input_cache_write = perToken(pricing.cacheWrite);
  return out;
}

/**
 * What a model reads is its catalog `inputModalities` (text only when not stated: routing sends
 * an image, a file or audio only to a model known to read it); every model gives text, and the
 * tokenizer is the provider's.
 */
function architectureOf(model: Pick<TModel, "inputModalities">) {
  const inputs = model.inputModalities ?? ["text"];
  return {
    modality: `${inputs.join("+")}->text`,
    input_modalities: inputs,
    output_modalities: ["text"],
    tokenizer: "Other",
    instruct_type: null,
  } as const;
}

/** An embedding model (the catalog's `output: "embeddings"`): text in, vectors out, through /embeddings. */
const EMBEDDINGS_ARCHITECTURE = {
  modality: "text->embeddings",
  input_modalities: ["text"],
  output_modalities: ["embeddings"],
  tokenizer: "Other",
  instruct_type: null,
} as const;

/** Which tool_choice values an endpoint takes: any tools at all allow auto and none; forcing needs tool_choice. */
function toolChoiceSupport(endpoint: TEndpoint) {
  const hasTools = endpoint.supportedParameters.includes("tools");
  const canForce = hasTools && endpoint.supportedParameters.includes("tool_choice");
  return { auto: hasTools, none: hasTools, required: canForce, function: canForce };
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
    model_name: model.name,
    provider_name: endpoint.provider.name,
    tag: endpoint.provider.slug,
    context_length: endpoint.contextLength,
    max_completion_tokens: endpoint.maxOutputTokens,
    max_prompt_tokens: null,
    pricing: pricingToApi(endpoint.pricing),
    quantization: endpoint.quantization ?? "unknown",
    supported_parameters: endpoint.supportedParameters,
    supports_tool_choice: toolChoiceSupport(endpoint),
    supports_implicit_caching: false,
    // OpenRouter's status 0 is "serving"; an endpoint whose key is not set here has none.
    ...(endpoint.isRoutable ? { status: 0 } : {}),
    // OpenRouter's fleet-wide figures; this install's own measurements are POST /route's (lib/health).
    uptime_last_5m: null,
    uptime_last_30m: null,
    uptime_last_1d: null,
    latency_last_30m: null,
    throughput_last_30m: null,
    // Privet's own fields.
    provider_slug: endpoint.provider.slug,
    is_free: endpoint.free,
    is_configured: endpoint.isRoutable,
    data_policy: dataPolicyToApi(endpoint.dataPolicy),
  };
}

/** Routing's default first choice: the cheapest endpoint (the catalog requires at least one). */
function cheapestEndpoint(model: TModel): TEndpoint | undefined {
  return [...model.endpoints].sort((a, b) => endpointPrice(a) - endpointPrice(b))[0];
}

export function modelToApi(model: TModel) {
  const cheapest = cheapestEndpoint(model);
  return {
    id: model.id,
    canonical_slug: model.id,
    name: model.name,
    // The catalog has no dates: 0 stands for "not known".
    created: 0,
    description: model.description ?? "",
    context_length: model.contextLength,
    architecture: model.output === "embeddings" ? EMBEDDINGS_ARCHITECTURE : architectureOf(model),
    pricing: cheapest ? pricingToApi(cheapest.pricing) : { prompt: "0", completion: "0", request: "0" },
    top_provider: {
      context_length: cheapest?.contextLength ?? model.contextLength,
      max_completion_tokens: cheapest?.maxOutputTokens ?? null,
      is_moderated: false,
    },
    per_request_limits: null,
    supported_parameters: [...new Set(model.endpoints.flatMap((e) => e.supportedParameters))].sort(),
    default_parameters: null,
    supported_voices: null,
    links: { details: `/api/v1/models/${model.id}/endpoints` },
    // Privet's own fields.
    endpoint_count: model.endpoints.length,
    available_endpoint_count: model.endpoints.filter((e) => e.isRoutable).length,
  };
}

/** `GET /api/v1/models/{author}/{slug}/endpoints`: the model with each of its endpoints. */
export function modelEndpointsToApi(model: TModel) {
  return { ...modelToApi(model), endpoints: model.endpoints.map((e) => endpointToApi(e, model)) };
}

export function providerToApi(provider: TProvider) {
  return {
    slug: provider.slug,
    name: provider.name,
    api: provider.api,
    headquarters: provider.headquarters,
    data_regions: provider.dataRegions,
    is_configured: isKeyPresent(provider.apiKeyEnv, process.env),
    privacy_policy_url: provider.dataPolicy.privacyUrl,
    terms_of_service_url: provider.dataPolicy.termsUrl,
    data_policy: dataPolicyToApi(provider.dataPolicy),
  };
}
