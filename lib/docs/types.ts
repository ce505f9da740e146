// View models of the public catalog pages (docs table, models, providers). Plain data only, so
// client components can import these types without pulling server code into the browser.
import type { TRetentionDescription } from "@/lib/policy/describe";

/** The table's words. An unknown training policy reads "May train" (rule 5), flagged as unknown. */
export type TTrainingLabel = "Does not train" | "May train";
export type TTriState = "Yes" | "No" | "Unknown";

export type TPolicyView = {
  retention: TRetentionDescription;
  /** Sort key: zero retention first, then fewer days, then an unknown period, then no policy. */
  retentionRank: number;
  isZeroRetention: boolean;
  training: TTrainingLabel;
  /** The provider publishes nothing about training; routing treats it as "may train". */
  isTrainingUnknown: boolean;
  /** Sort key: does not train, may train, unknown. */
  trainingRank: number;
  isNoTraining: boolean;
  zdr: TTriState;
  canPublish: TTriState;
  /** As in the catalog: "YYYY-MM-DD" or a period such as "late-2025". */
  checkedAt: string | null;
  /** For people: "16 Jun 2026", "Late 2025". */
  checkedLabel: string | null;
  termsUrl: string | null;
  privacyUrl: string | null;
  /** The value Privet sends in `X-Privet-Data-Policy` for this policy. */
  header: string;
};

export type THeadquarters = { code: string; name: string };

export type TProviderPolicyRow = {
  slug: string;
  name: string;
  href: string;
  /** The row's element id in the docs table, so receipts can link to `/docs#provider-<slug>`. */
  anchorId: string;
  headquarters: THeadquarters | null;
  policy: TPolicyView;
  /** This server has the provider's key (or it needs none): requests can go to it. */
  isConfigured: boolean;
};

export type TPriceRange = { min: number; max: number };

export type TModelSummary = {
  id: string;
  name: string;
  href: string;
  contextLength: number;
  /** USD per million tokens across the model's endpoints; null when it has none. */
  prompt: TPriceRange | null;
  completion: TPriceRange | null;
  endpointCount: number;
  routableCount: number;
  isFree: boolean;
  /** Provider names, so a search for a provider finds its models. */
  providerNames: string[];
};

export type TEndpointView = {
  id: string;
  provider: { slug: string; name: string; href: string; tableHref: string };
  pricing: { prompt: number; completion: number; request: number };
  isFree: boolean;
  quantization: string | null;
  contextLength: number;
  maxOutputTokens: number | null;
  supportedParameters: string[];
  /** The endpoint's effective policy: the provider's, overridden field by field by the endpoint's. */
  policy: TPolicyView;
  /** True when the endpoint states a policy that differs from its provider's. */
  isPolicyOverridden: boolean;
  isRoutable: boolean;
};

export type TModelLink = { id: string; name: string; href: string };

export type TModelDetail = {
  id: string;
  name: string;
  description: string | null;
  contextLength: number;
  isFree: boolean;
  endpoints: TEndpointView[];
  /** The `:free` variant of a paid model, or the paid model of a `:free` one, when the catalog has it. */
  counterpart: TModelLink | null;
};

export type TProviderModel = TModelLink & { endpoint: TEndpointView };

export type TProviderDetail = {
  row: TProviderPolicyRow;
  api: "openai" | "anthropic";
  isConfigured: boolean;
  models: TProviderModel[];
};
