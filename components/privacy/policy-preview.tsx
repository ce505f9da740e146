import { CircleCheck, CircleSlash, TriangleAlert } from "lucide-react";
import type { TPolicyPreviewTier } from "@/lib/policy/types";
import type { TPrivacyPreview, TProviderPreview, TTierStanding } from "@/lib/privacy/preview";
import { Badge } from "@/components/ui/badge";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function TierSummary({ label, tier }: { label: string; tier: TPolicyPreviewTier }) {
  const isNoneLeft = tier.totalModels > 0 && tier.models === 0;
  return (
    <div className="flex flex-col gap-1 rounded-lg border bg-background/60 p-3">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd className="text-sm">
        {tier.totalModels === 0 ? (
          <span className="text-muted-foreground">None in this catalog</span>
        ) : (
          <>
            <span className="font-semibold tabular-nums">
              {tier.providers} of {plural(tier.totalProviders, "provider")}
            </span>
            <span className="text-muted-foreground"> · </span>
            <span className="tabular-nums">
              {tier.models} of {plural(tier.totalModels, "model")}
            </span>
          </>
        )}
      </dd>
      {isNoneLeft ? (
        <dd className="flex items-start gap-1.5 text-xs text-warning">
          <TriangleAlert className="mt-px size-3.5 shrink-0" aria-hidden="true" />
          Every request for these models would be refused.
        </dd>
      ) : null}
    </div>
  );
}

function TierLine({ tier, standing }: { tier: "Paid models" | "Free models"; standing: TTierStanding }) {
  if (standing.status === "none") return null;
  if (standing.status === "allowed") {
    return (
      <li className="flex items-start gap-1.5 text-sm">
        <CircleCheck className="mt-0.5 size-3.5 shrink-0 text-success" aria-hidden="true" />
        <span>
          {tier}: <span className="text-success">allowed</span>
        </span>
      </li>
    );
  }
  return (
    <li className="flex items-start gap-1.5 text-sm">
      <CircleSlash className="mt-0.5 size-3.5 shrink-0 text-destructive" aria-hidden="true" />
      <span>
        {tier}: <span className="text-destructive">blocked</span> — {standing.reasons.join("; and ")}
      </span>
    </li>
  );
}

function BlockedProvider({ provider }: { provider: TProviderPreview }) {
  return (
    <li className="flex flex-col gap-1.5 py-3 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{provider.name}</span>
        {provider.isAllowed ? <Badge tone="warning">Partly blocked</Badge> : <Badge tone="danger">Blocked</Badge>}
      </div>
      <ul className="flex flex-col gap-1 text-muted-foreground">
        <TierLine tier="Paid models" standing={provider.paid} />
        <TierLine tier="Free models" standing={provider.free} />
      </ul>
    </li>
  );
}

/**
 * What the settings on screen leave eligible — before saving. The numbers come from the policy
 * engine the router runs (lib/policy), over the whole catalog, so they cannot drift from routing.
 */
export function PolicyPreview({ preview, isDirty }: { preview: TPrivacyPreview; isDirty: boolean }) {
  const blocked = preview.providers
    .filter((p) => p.paid.status === "blocked" || p.free.status === "blocked")
    .sort((a, b) => Number(a.isAllowed) - Number(b.isAllowed) || a.name.localeCompare(b.name, "en"));
  const allowed = preview.providers.filter((p) => p.paid.status !== "blocked" && p.free.status !== "blocked");
  return (
    <section
      aria-labelledby="privacy-preview-heading"
      className="flex flex-col gap-4 rounded-xl border bg-card p-5 shadow-xs sm:p-6"
    >
      <div className="flex flex-col gap-1.5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="privacy-preview-heading" className="text-base font-semibold">
            Live preview
          </h3>
          {isDirty ? <Badge tone="warning">Unsaved changes</Badge> : <Badge>Saved settings</Badge>}
        </div>
        <p className="text-sm text-muted-foreground">
          Which providers these settings leave for your requests, by the same rules the router applies. It changes as
          you edit, before you save.
        </p>
      </div>

      <dl aria-live="polite" className="grid grid-cols-1 gap-2 sm:grid-cols-2 xl:grid-cols-1">
        <TierSummary label="Paid models" tier={preview.paid} />
        <TierSummary label="Free models" tier={preview.free} />
      </dl>

      {preview.providers.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          The catalog has no providers yet, so there is nothing to preview.
        </p>
      ) : null}

      {blocked.length > 0 ? (
        <div className="flex flex-col gap-2">
          <h4 className="text-sm font-semibold">Blocked ({blocked.length})</h4>
          <ul aria-label="Blocked providers" className="flex flex-col divide-y">
            {blocked.map((provider) => (
              <BlockedProvider key={provider.slug} provider={provider} />
            ))}
          </ul>
        </div>
      ) : null}

      {allowed.length > 0 ? (
        <div className="flex flex-col gap-2">
          <h4 className="text-sm font-semibold">Allowed ({allowed.length})</h4>
          <ul aria-label="Allowed providers" className="flex flex-wrap gap-1.5">
            {allowed.map((provider) => (
              <li key={provider.slug}>
                <Badge tone="success">{provider.name}</Badge>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
