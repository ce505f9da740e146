import Link from "next/link";
import type { ReactNode } from "react";
import type { TEndpointView } from "@/lib/docs/types";
import { formatInteger, formatPricePerMillion } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RetentionBadge, TrainingBadge, ZdrBadge } from "@/components/catalog/policy-badges";

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{term}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

/**
 * One endpoint (a model served by one provider): its price, limits, parameters and the data policy
 * that applies to it — the effective one, which is what routing checks.
 */
export function EndpointCard({
  endpoint,
  title,
  titleHref,
}: {
  endpoint: TEndpointView;
  title: string;
  titleHref: string;
}) {
  const { pricing, policy } = endpoint;
  return (
    <Card className="flex flex-col gap-4 p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <h3 className="min-w-0 text-base font-semibold">
          <Link href={titleHref} className="underline-offset-4 hover:underline">
            {title}
          </Link>
        </h3>
        <div className="flex flex-wrap gap-1.5">
          {endpoint.isFree ? <Badge>Free</Badge> : null}
          {endpoint.isRoutable ? (
            <Badge tone="success">Configured</Badge>
          ) : (
            <Badge
              tone="warning"
              title="The provider's API key is not set on this server, so Privet lists it but never calls it."
            >
              Not configured on this server
            </Badge>
          )}
        </div>
      </div>

      <div className="flex flex-col gap-2 rounded-lg border bg-muted/40 p-3">
        <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
          Data policy for this endpoint
        </p>
        <div className="flex flex-wrap items-start gap-2">
          <RetentionBadge policy={policy} />
          <TrainingBadge policy={policy} />
          <ZdrBadge policy={policy} />
        </div>
        <p className="text-sm text-muted-foreground">
          {endpoint.isPolicyOverridden
            ? "This endpoint has its own policy, which differs from the provider's default. "
            : null}
          {/* A plain link: a full load lets the browser scroll to the row (the client router lands at the top). */}
          <a href={endpoint.provider.tableHref} className="font-medium text-brand underline-offset-4 hover:underline">
            {endpoint.provider.name} in the provider table
          </a>
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Fact term="Prompt / M tokens">
          <span className="tabular-nums">{formatPricePerMillion(pricing.prompt)}</span>
        </Fact>
        <Fact term="Completion / M tokens">
          <span className="tabular-nums">{formatPricePerMillion(pricing.completion)}</span>
        </Fact>
        <Fact term="Context">
          <span className="tabular-nums">{formatInteger(endpoint.contextLength)}</span>
          {endpoint.maxOutputTokens ? (
            <span className="block text-xs text-muted-foreground tabular-nums">
              max output {formatInteger(endpoint.maxOutputTokens)}
            </span>
          ) : null}
        </Fact>
        <Fact term="Quantization">
          {endpoint.quantization ?? <span className="text-muted-foreground">Not stated</span>}
        </Fact>
        {pricing.request > 0 ? (
          <Fact term="Per request">
            <span className="tabular-nums">{formatPricePerMillion(pricing.request)}</span>
          </Fact>
        ) : null}
      </dl>

      <div className="flex flex-col gap-2">
        <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Supported parameters</p>
        {endpoint.supportedParameters.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            None listed: with provider.require_parameters, any request with parameters skips it.
          </p>
        ) : (
          <ul className="flex flex-wrap gap-1.5" aria-label="Supported parameters">
            {endpoint.supportedParameters.map((name) => (
              <li key={name}>
                <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{name}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
