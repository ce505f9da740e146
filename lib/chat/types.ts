// What the chat UI receives from the server: model picker entries, receipts, errors and stream
// events. Plain data only (it crosses the server-action boundary and is kept in the browser's
// history), and never any prompt or completion text except the reply deltas themselves.
import type { TAttachmentCounts } from "@/lib/chat/attachments";

import type { TRouteView } from "@/lib/generations/route-trace";

/** The per-conversation privacy options; each can only add restrictions to the account settings. */
export type TConversationOptions = {
  /** Sends `provider.data_collection: "deny"`. */
  denyDataCollection: boolean;
  /** Sends `provider.zdr: true`. */
  zdr: boolean;
  /** Sends `provider.order`: providers tried first, in this order. */
  order: string[];
  /** Sends `reasoning: { effort: "medium" }`: the model thinks before it answers, where it can. Absent means off. */
  reasoning?: boolean;
  /** Sent as the first message (role "system"); absent or blank means none. Kept in this browser only. */
  systemPrompt?: string;
  /** Sends `temperature` (0–2); absent means the model's default. */
  temperature?: number;
  /** Sends `max_tokens`; absent means the model's default. */
  maxTokens?: number;
};

export const DEFAULT_CONVERSATION_OPTIONS: TConversationOptions = { denyDataCollection: false, zdr: false, order: [] };

/** The four combinations of the two restricting options, for which model availability is precomputed. */
export type TOptionsKey = "none" | "deny" | "zdr" | "deny+zdr";

export function optionsKey(options: Pick<TConversationOptions, "denyDataCollection" | "zdr">): TOptionsKey {
  if (options.denyDataCollection && options.zdr) return "deny+zdr";
  if (options.denyDataCollection) return "deny";
  if (options.zdr) return "zdr";
  return "none";
}

/** Anchors on the privacy settings page (/settings/privacy#<anchor>). */
export type TSettingAnchor =
  | "prompt-logging"
  | "train-paid"
  | "train-free"
  | "zdr-only"
  | "ignored-providers"
  | "data-regions"
  | "max-retention"
  | "content-retention"
  | "metadata-retention";

/** One thing the user can do about a refusal. */
export type TFix =
  | { kind: "setting"; label: string; href: string; anchor: TSettingAnchor }
  | { kind: "conversation"; label: string; option: "denyDataCollection" | "zdr" }
  | { kind: "docs"; label: string; href: string }
  | { kind: "hint"; label: string };

export type TExcludedView = {
  provider: string;
  providerName: string;
  /** The refusal label of the step that excluded it, e.g. "Paid model training". */
  label: string;
  /** The engine's plain sentence, e.g. "may train on prompts; paid-model training is off". */
  reason: string;
};

/** Why no provider may serve a model, and where to change that. */
export type TRefusalView = {
  status: number;
  code: string;
  message: string;
  labels: string[];
  excluded: TExcludedView[];
  fixes: TFix[];
};

export type TProviderRef = { slug: string; name: string };

export type TModelAvailability = {
  /** Providers the settings allow, in the order they would be tried. */
  allowed: TProviderRef[];
  /** USD per million tokens: the cheapest allowed endpoint, or the cheapest overall when none is. */
  price: { prompt: number; completion: number } | null;
  refusal: TRefusalView | null;
  /** How many of the allowed providers think before answering when asked ("Think"): all, some or none. */
  reasoning: "all" | "some" | "none";
  /** Whether an allowed provider takes an image / a PDF (the router's capabilities step, for a request carrying one). */
  accepts: { image: boolean; pdf: boolean };
};

export type TChatModelView = {
  id: string;
  name: string;
  description: string | null;
  contextLength: number;
  isFree: boolean;
  /** What the model reads besides text, from the catalog's `inputModalities` ("file" is a PDF). */
  reads: { image: boolean; pdf: boolean };
  /** Every provider serving the model, in catalog order. */
  providers: TProviderRef[];
  availability: Record<TOptionsKey, TModelAvailability>;
};

/** The account settings as the chat shows them (read-only, with links to change them). */
export type TAccountSettingsView = {
  promptLogging: boolean;
  allowTrainingPaid: boolean;
  allowTrainingFree: boolean;
  zdrOnly: boolean;
  ignoredProviders: TProviderRef[];
  contentRetentionDays: number;
};

/** Shown instead of the chat when no provider can be called at all. */
export type TSetupHelp = {
  /** Key variables named in the catalog, e.g. OPENAI_API_KEY. */
  envVars: string[];
  hasModels: boolean;
};

export type TChatPageData = {
  models: TChatModelView[];
  settings: TAccountSettingsView;
  setup: TSetupHelp | null;
  /** A sensible first choice: the first model the account settings leave a provider for. */
  defaultModelId: string | null;
};

export type TAttemptView = {
  provider: string;
  providerName: string;
  status: number;
  /** e.g. "HTTP 500", "timed out", "connection failed". */
  outcome: string;
};

/** What the reply's data-handling receipt says, known when the first token arrives. */
export type TReceiptView = {
  generationId: string;
  model: string;
  provider: TProviderRef;
  retention: string;
  training: string;
  /** Whether the provider may publish prompts; shown when it is not a plain "no" (absent in older saved chats). */
  publishing?: string;
  isZdr: boolean | null;
  contentStored: boolean;
  /** The images and PDFs the request carried (absent when none, and in older saved chats). */
  attachments?: TAttachmentCounts;
};

/** The metadata record's figures, known when the reply ends. */
export type TOutcomeView = {
  status: "success" | "error" | "cancelled";
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  latencyMs: number | null;
  firstTokenMs: number | null;
  finishReason: string | null;
  attempts: TAttemptView[];
  /** Every provider the request may have reached, with its policy then (absent in older saved chats). */
  sentTo?: TReceiptView[];
  /** "Why this provider": how the request was routed (absent in older saved chats and records). */
  route?: TRouteView;
};

export type TChatErrorView = {
  kind: "refusal" | "upstream" | "stream" | "cancelled" | "invalid" | "other";
  status: number;
  title: string;
  message: string;
  refusal: TRefusalView | null;
  attempts: TAttemptView[];
  generationId: string | null;
  /** Every provider the request may have reached, with its policy then (absent in older saved chats). */
  sentTo?: TReceiptView[];
};

/** The events of one reply, in order: sending* start? delta* (error | end)… — error and end may both come. */
export type TChatEvent =
  /** The request is leaving for a provider (before its reply starts, which it may never do). */
  | { type: "sending"; receipt: TReceiptView }
  | { type: "start"; receipt: TReceiptView }
  | { type: "delta"; text: string }
  /** The model's thinking, when it shares it; shown apart from the reply and never sent back to it. */
  | { type: "reasoning"; text: string }
  | { type: "error"; error: TChatErrorView }
  | { type: "end"; outcome: TOutcomeView };
