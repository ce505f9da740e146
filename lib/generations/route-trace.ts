// "Why this provider": the compact routing explanation kept with a request's metadata record (the
// Generation row's `route` column) and how the activity detail and the chat's receipt word it. It is
// made from the same plan POST /api/v1/route describes (lib/gateway/route-plan.ts, `routeTraceOf`),
// with the same `excluded_by` vocabulary. Pure, and content-free by construction: catalog ids, the
// policy engine's step names and Privet's own reason sentences (built from the catalog and the
// validated routing preferences), measured numbers — never anything of the messages.
import { EXCLUDED_BY_STEP, POLICY_STEPS } from "@/lib/policy";
import type { TExcludedByStep, THealthTier } from "@/lib/policy/types";
import type { TProviderSort } from "@/lib/vocabulary";
import { formatMs, formatPricePerMillion, formatSpeed } from "@/lib/format";

/** One endpoint Privet would try, in order. */
export type TRouteTraceCandidate = {
  model: string;
  provider: string;
  /** USD per million prompt plus completion tokens. */
  price: number;
  /** What Privet had measured of it when the request was routed; null: never measured. */
  health: THealthTier | null;
  latency_ms: number | null;
  throughput: number | null;
  /** Named in the request's `provider.order`. */
  ordered: boolean;
};

export type TRouteTrace = {
  /** What ordered the candidates after `provider.order` and health: `provider.sort`, price by default. */
  sort: TProviderSort;
  /** Whether the request named providers to try first (`provider.order`). */
  has_order: boolean;
  /** Whether performance preferences (`preferred_min_throughput`/`preferred_max_latency`) reordered. */
  has_preferences: boolean;
  /** `provider.allow_fallbacks: false`: only the first choice was tried. */
  no_fallbacks: boolean;
  /** Middle-out removed messages to fit a context window. */
  middle_out: boolean;
  /** The endpoints to try, in order (empty when nothing was eligible). */
  candidates: TRouteTraceCandidate[];
  /** Eligible endpoints that were not to be tried, and why. */
  not_attempted: { model: string; provider: string; reason: string }[];
  /** Every endpoint left out, in step order: POST /api/v1/route's `excluded`. */
  excluded: { model: string; provider: string; step: TExcludedByStep; reason: string }[];
};

/** Every `excluded_by` value, in the order the policy core runs its steps. */
export const EXCLUDED_BY_STEPS: readonly TExcludedByStep[] = POLICY_STEPS.map((step) => EXCLUDED_BY_STEP[step]);

/** How each step is named to people (the refusal's labels; training is one step here). */
export const EXCLUDED_BY_LABELS: Record<TExcludedByStep, string> = {
  ignored_providers: "Ignored providers",
  "data_policy:training": "Training",
  "data_policy:zdr": "Zero data retention",
  "data_policy:data_collection": "Data collection denied",
  "data_policy:data_regions": "Data regions",
  "data_policy:retention": "Maximum retention",
  allowed_providers: "Provider allow-list",
  ignore: "Request ignore list",
  require_parameters: "Required parameters",
  capabilities: "Request features",
  quantization: "Quantization",
  max_price: "Max price",
  context_length: "Context length",
  unavailable: "Not configured",
};

type TAttemptLike = { provider: string; status: number; error?: string };

export type TRouteCandidateView = {
  model: string;
  provider: string;
  providerName: string;
  /** Price and what Privet measured, e.g. "$1.20/M · 420 ms to first token". */
  facts: string;
  /** What happened: "Served", "Failed (HTTP 503)", "Not tried". */
  outcome: string;
  isServed: boolean;
};

export type TRouteView = {
  /** One sentence: why the serving provider was chosen (or why none was). */
  summary: string;
  /** How the candidates were ordered. */
  orderedBy: string;
  candidates: TRouteCandidateView[];
  notAttempted: { model: string; providerName: string; reason: string }[];
  excluded: { model: string; providerName: string; step: TExcludedByStep; label: string; reason: string }[];
  isCompressed: boolean;
};

const SORT_WORDS: Record<TProviderSort, string> = {
  price: "cheapest first",
  throughput: "highest measured throughput first (then price)",
  latency: "lowest measured latency first (then price)",
};

function orderedByOf(trace: TRouteTrace): string {
  const parts: string[] = [];
  if (trace.has_order) parts.push("providers named in provider.order first");
  if (trace.has_preferences) parts.push("then endpoints meeting the performance preferences");
  parts.push("endpoints with recent failures after healthy ones");
  parts.push(SORT_WORDS[trace.sort]);
  return parts.join("; ");
}

/** How an attempt that did not serve went: "HTTP 503", "timed out"…; null when it was not tried. */
function failureOf(attempt: TAttemptLike | undefined): string | null {
  if (!attempt) return null;
  if (attempt.error === "timeout" || attempt.error === "stream_timeout") return "timed out";
  if (attempt.error === "connect") return "could not connect";
  if (attempt.error === "aborted") return "stopped";
  if (attempt.status > 0 && attempt.error) return `HTTP ${attempt.status}`;
  return attempt.error ? "failed" : "answered";
}

function candidateFacts(candidate: TRouteTraceCandidate): string {
  const facts = [
    candidate.price < 0
      ? "price unknown"
      : candidate.price === 0
        ? "free"
        : `${formatPricePerMillion(candidate.price)} per million tokens in + out`,
  ];
  if (candidate.latency_ms !== null) facts.push(`${formatMs(candidate.latency_ms)} to first token`);
  if (candidate.throughput !== null) facts.push(formatSpeed(candidate.throughput));
  if (candidate.health === "degraded") facts.push("failed recently");
  if (candidate.health === "down") facts.push("circuit breaker open");
  if (candidate.ordered) facts.push("in provider.order");
  return facts.join(" · ");
}

/** Why the first candidate was the first choice. */
function firstChoiceReason(trace: TRouteTrace, first: TRouteTraceCandidate, name: string): string {
  if (trace.candidates.length === 1) return `${name} was the only eligible endpoint`;
  if (trace.has_order && first.ordered) return `${name} was first in the request's provider.order`;
  if (trace.sort === "throughput" && first.throughput !== null)
    return `${name} had the highest measured throughput (sorted by throughput)`;
  if (trace.sort === "latency" && first.latency_ms !== null)
    return `${name} had the lowest measured latency (sorted by latency)`;
  const isHealthOrdered =
    first.health !== "degraded" && trace.candidates.some((c) => c.health === "degraded" || c.health === "down");
  const measuredNote = trace.sort === "price" ? "" : ` (no ${trace.sort} measured yet, so by price)`;
  return `${name} was the cheapest ${isHealthOrdered ? "healthy " : ""}eligible endpoint${measuredNote}`;
}

/**
 * The trace in words, with the request's attempts (in the order tried) and the provider that served
 * it (null: none did). `names` turns a provider slug into its name.
 */
export function toRouteView(
  trace: TRouteTrace,
  attempts: readonly TAttemptLike[],
  servedBy: string | null,
  names: (slug: string) => string,
): TRouteView {
  // Attempts follow the candidates' order; a provider can appear once per model.
  const remaining = [...attempts];
  const tried = trace.candidates.map((candidate) => {
    const index = remaining.findIndex((attempt) => attempt.provider === candidate.provider);
    const attempt = index >= 0 ? remaining.splice(index, 1)[0] : undefined;
    const isServed = servedBy === candidate.provider && attempt !== undefined && !attempt.error;
    return { candidate, name: names(candidate.provider), failure: isServed ? null : failureOf(attempt), isServed };
  });
  const candidates = tried.map(({ candidate, name, failure, isServed }) => ({
    model: candidate.model,
    provider: candidate.provider,
    providerName: name,
    facts: candidateFacts(candidate),
    outcome: isServed ? "Served" : failure === null ? "Not tried" : `Failed (${failure})`,
    isServed,
  }));
  const servedIndex = tried.findIndex((entry) => entry.isServed);
  const first = tried[0];
  let summary: string;
  if (!first) {
    summary = "No endpoint was eligible: every one was excluded by a step below, so nothing was sent.";
  } else if (servedIndex === 0) {
    summary = `${firstChoiceReason(trace, first.candidate, first.name)}, and it served the request.`;
  } else {
    // The first choice, then each later one that was tried, until the one that served (or the end).
    const failures = tried
      .slice(1, servedIndex < 0 ? undefined : servedIndex)
      .filter((entry) => entry.failure !== null)
      .map((entry) => `${entry.name} failed (${entry.failure})`);
    const firstPart =
      first.failure === null
        ? `${firstChoiceReason(trace, first.candidate, first.name)} but was not tried`
        : `${firstChoiceReason(trace, first.candidate, first.name)} but failed (${first.failure})`;
    const served = servedIndex > 0 ? tried[servedIndex]! : null;
    const end = served
      ? `${served.name}, next in order, served it.`
      : trace.no_fallbacks
        ? "provider.allow_fallbacks is false, so nothing else was tried."
        : "no other eligible endpoint served it.";
    summary = `${[firstPart, ...failures].join("; then ")}; ${end}`;
  }
  return {
    summary,
    orderedBy: orderedByOf(trace),
    candidates,
    notAttempted: trace.not_attempted.map((entry) => ({
      model: entry.model,
      providerName: names(entry.provider),
      reason: entry.reason,
    })),
    excluded: trace.excluded.map((entry) => ({
      model: entry.model,
      providerName: names(entry.provider),
      step: entry.step,
      label: EXCLUDED_BY_LABELS[entry.step],
      reason: entry.reason,
    })),
    isCompressed: trace.middle_out,
  };
}
