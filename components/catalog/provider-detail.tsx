import Link from "next/link";
import type { ReactNode } from "react";
import { Check, X } from "lucide-react";
import type { TPolicyView, TProviderDetail } from "@/lib/docs/types";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Breadcrumbs } from "@/components/catalog/breadcrumbs";
import { EndpointCard } from "@/components/catalog/endpoint-card";
import { ExternalLink } from "@/components/catalog/external-link";
import { RetentionBadge, TrainingBadge, TriStateText } from "@/components/catalog/policy-badges";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-b py-3 last:border-b-0 sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted-foreground">{term}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function Consequence({ isAllowed, children }: { isAllowed: boolean; children: ReactNode }) {
  const Icon = isAllowed ? Check : X;
  return (
    <li className="flex items-start gap-2.5">
      <Icon
        className={isAllowed ? "mt-0.5 size-4 shrink-0 text-success" : "mt-0.5 size-4 shrink-0 text-destructive"}
        aria-hidden="true"
      />
      <span>{children}</span>
    </li>
  );
}

/** What the routing rules do with this policy, derived the same way lib/policy decides. */
function RoutingConsequences({ policy }: { policy: TPolicyView }) {
  const isDataCollectionSafe = policy.isNoTraining && policy.isZeroRetention;
  return (
    <ul className="flex flex-col gap-2 text-sm">
      {policy.isNoTraining ? (
        <Consequence isAllowed>
          Eligible whatever your training settings say: the provider states it does not train on prompts.
        </Consequence>
      ) : (
        <Consequence isAllowed={false}>
          Called only if you allow providers that may train on your data (a separate setting for paid and free models;
          both are off by default)
          {policy.isTrainingUnknown
            ? ". Its training policy is unknown, so Privet treats it as one that may train"
            : ""}
          .
        </Consequence>
      )}
      {policy.zdr === "Yes" ? (
        <Consequence isAllowed>
          Stays eligible when you turn on zero data retention only, or a request sets provider.zdr.
        </Consequence>
      ) : (
        <Consequence isAllowed={false}>
          Excluded when you turn on zero data retention only, or a request sets provider.zdr.
        </Consequence>
      )}
      {isDataCollectionSafe ? (
        <Consequence isAllowed>
          Stays eligible for requests that set provider.data_collection to &quot;deny&quot;.
        </Consequence>
      ) : (
        <Consequence isAllowed={false}>
          Excluded from requests that set provider.data_collection to &quot;deny&quot;.
        </Consequence>
      )}
    </ul>
  );
}

const API_NAMES = { openai: "OpenAI-compatible chat completions", anthropic: "Anthropic Messages" } as const;

export function ProviderDetail({ provider }: { provider: TProviderDetail }) {
  const { row } = provider;
  const { policy } = row;
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-4">
        <Breadcrumbs items={[{ label: "Providers", href: "/docs#provider-policies" }, { label: row.name }]} />
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{row.name}</h1>
            {provider.isConfigured ? (
              <Badge tone="success">Configured</Badge>
            ) : (
              <Badge tone="warning">Not configured on this server</Badge>
            )}
          </div>
          <p className="text-sm text-muted-foreground">
            <code className="font-mono">{row.slug}</code> · {API_NAMES[provider.api]} ·{" "}
            {row.headquarters ? `Headquarters: ${row.headquarters.name}` : "Headquarters not stated"}
          </p>
          {/* A plain link: a full load lets the browser scroll to the row (the client router lands at the top). */}
          <a
            href={`/docs#${row.anchorId}`}
            className="w-fit text-sm font-medium text-brand underline-offset-4 hover:underline"
          >
            Compare with other providers
          </a>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Published data policy</CardTitle>
          </CardHeader>
          <CardContent>
            <dl>
              <Row term="Retention">
                <RetentionBadge policy={policy} />
              </Row>
              <Row term="Training on prompts">
                <TrainingBadge policy={policy} />
              </Row>
              <Row term="Zero data retention">
                <TriStateText value={policy.zdr} />
              </Row>
              <Row term="May publish prompts">
                <TriStateText value={policy.canPublish} />
              </Row>
              <Row term="Policy checked">
                {policy.checkedLabel ? (
                  <time dateTime={policy.checkedAt ?? undefined}>{policy.checkedLabel}</time>
                ) : (
                  <span className="text-muted-foreground">Not checked</span>
                )}
              </Row>
              <Row term="Terms of service">
                {policy.termsUrl ? (
                  <ExternalLink href={policy.termsUrl} className="break-all">
                    {policy.termsUrl}
                  </ExternalLink>
                ) : (
                  <span className="text-muted-foreground">Not published in the catalog</span>
                )}
              </Row>
              <Row term="Privacy policy">
                {policy.privacyUrl ? (
                  <ExternalLink href={policy.privacyUrl} className="break-all">
                    {policy.privacyUrl}
                  </ExternalLink>
                ) : (
                  <span className="text-muted-foreground">Not published in the catalog</span>
                )}
              </Row>
              <Row term="Receipt header">
                <code className="font-mono text-xs break-all">X-Privet-Data-Policy: {policy.header}</code>
              </Row>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>What your settings mean for it</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <RoutingConsequences policy={policy} />
            <p className="text-sm text-muted-foreground">
              This is the provider&apos;s default. An endpoint may state its own policy, shown on the model below when
              it differs; routing always checks the endpoint&apos;s. Change your settings in{" "}
              <Link href="/settings/privacy" className="font-medium text-brand underline-offset-4 hover:underline">
                privacy settings
              </Link>
              .
            </p>
          </CardContent>
        </Card>
      </div>

      <section aria-labelledby="provider-models-heading" className="flex flex-col gap-4">
        <h2 id="provider-models-heading" className="text-xl font-semibold tracking-tight">
          Models from {row.name}
        </h2>
        {provider.models.length === 0 ? (
          <p className="rounded-lg border border-dashed px-4 py-6 text-sm text-muted-foreground">
            The catalog lists no model served by this provider.
          </p>
        ) : (
          <ul aria-labelledby="provider-models-heading" className="flex flex-col gap-4">
            {provider.models.map((model) => (
              <li key={model.id}>
                <EndpointCard endpoint={model.endpoint} title={model.name} titleHref={model.href} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
