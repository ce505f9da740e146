// What a request needs an endpoint to be able to do, and whether an endpoint can: the
// `capabilities` routing step. A request that uses tools, a response format, log probabilities or
// an image, file or audio part goes only to endpoints that serve all of it, whether or not the
// client set provider.require_parameters (OpenRouter routes such requests the same way). Pure.
import type { TEndpoint } from "@/lib/catalog/types";
import type { TProviderApi } from "@/lib/vocabulary";

/**
 * The features a request can use that change what an answer is, in the catalog's words: the
 * parameter an endpoint lists in `supportedParameters`, or the input modality its model lists in
 * `inputModalities`. Sampling knobs (temperature, seed…) are not features: an endpoint that
 * ignores one still answers the request (provider.require_parameters is how a client insists).
 * Reasoning is not one either: a model that cannot reason answers without it, as on OpenRouter.
 */
export const REQUEST_FEATURES = [
  "tools",
  "tool_choice",
  "response_format",
  "structured_outputs",
  "logprobs",
  "top_logprobs",
  "image_input",
  "file_input",
  "audio_input",
] as const;
export type TRequestFeature = (typeof REQUEST_FEATURES)[number];

type TFeatureSource = { kind: "parameter"; name: string } | { kind: "modality"; name: "image" | "file" | "audio" };

const SOURCE: Record<TRequestFeature, TFeatureSource> = {
  tools: { kind: "parameter", name: "tools" },
  tool_choice: { kind: "parameter", name: "tool_choice" },
  response_format: { kind: "parameter", name: "response_format" },
  structured_outputs: { kind: "parameter", name: "structured_outputs" },
  logprobs: { kind: "parameter", name: "logprobs" },
  top_logprobs: { kind: "parameter", name: "top_logprobs" },
  image_input: { kind: "modality", name: "image" },
  file_input: { kind: "modality", name: "file" },
  audio_input: { kind: "modality", name: "audio" },
};

/** How each feature is named in a reason. */
const FEATURE_WORDS: Record<TRequestFeature, string> = {
  tools: "tools",
  tool_choice: "a forced tool_choice",
  response_format: "response_format (JSON mode)",
  structured_outputs: "structured outputs (response_format json_schema)",
  logprobs: "logprobs",
  top_logprobs: "top_logprobs",
  image_input: "image input",
  file_input: "file (PDF) input",
  audio_input: "audio input",
};

/**
 * What Privet's adapter for each provider API can put into that API. An endpoint whose adapter
 * cannot express a feature the request uses is not eligible, whatever its catalog entry says:
 * an adapter never drops a feature and answers as if it had been honoured. The Messages API has
 * no JSON mode, log probabilities or audio input (lib/gateway/adapters/anthropic.ts refuses them
 * too, should a request ever reach it with one).
 */
export const ADAPTER_FEATURES: Record<TProviderApi, ReadonlySet<TRequestFeature>> = {
  openai: new Set(REQUEST_FEATURES),
  anthropic: new Set<TRequestFeature>(["tools", "tool_choice", "image_input", "file_input"]),
};

/**
 * The features an endpoint lacks for a request, by what is missing. Unknown fails the safe side:
 * an endpoint with no `supportedParameters` (unknown) supports no parameter feature, a model
 * without `inputModalities` reads text only.
 */
export function missingFeatures(
  endpoint: TEndpoint,
  features: readonly TRequestFeature[],
): { adapter: TRequestFeature[]; catalog: TRequestFeature[] } {
  const adapter: TRequestFeature[] = [];
  const catalog: TRequestFeature[] = [];
  if (features.length === 0) return { adapter, catalog };
  const expressible = ADAPTER_FEATURES[endpoint.provider.api];
  const parameters = new Set(endpoint.supportedParameters);
  const modalities = new Set<string>(endpoint.inputModalities ?? ["text"]);
  for (const feature of new Set(features)) {
    if (!expressible.has(feature)) {
      adapter.push(feature);
      continue;
    }
    const source = SOURCE[feature];
    const isListed = source.kind === "parameter" ? parameters.has(source.name) : modalities.has(source.name);
    if (!isListed) catalog.push(feature);
  }
  return { adapter, catalog };
}

const API_NAMES: Record<TProviderApi, string> = { openai: "OpenAI-compatible", anthropic: "Messages" };

/** The `capabilities` step's reason for an endpoint, or null when it can serve every feature. */
export function capabilityProblem(endpoint: TEndpoint, features: readonly TRequestFeature[]): string | null {
  const { adapter, catalog } = missingFeatures(endpoint, features);
  const problems: string[] = [];
  if (catalog.length > 0) {
    const isUnknown = catalog.some((feature) =>
      SOURCE[feature].kind === "parameter"
        ? endpoint.supportedParameters.length === 0
        : endpoint.inputModalities === null,
    );
    problems.push(
      `does not support ${catalog.map((f) => FEATURE_WORDS[f]).join(", ")}${isUnknown ? " (not stated in the catalog, treated as unsupported)" : ""}`,
    );
  }
  if (adapter.length > 0) {
    problems.push(
      `Privet cannot send ${adapter.map((f) => FEATURE_WORDS[f]).join(", ")} to a provider on the ${API_NAMES[endpoint.provider.api]} API`,
    );
  }
  if (problems.length === 0) return null;
  return `${problems.join("; ")}; the request uses ${adapter.length + catalog.length === 1 ? "it" : "them"}`;
}
