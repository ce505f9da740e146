import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { PRIVACY_SETTINGS_PATH } from "@/lib/chat/links";
import type { TModelAvailability } from "@/lib/chat/types";
import type { TModelDetail } from "@/lib/docs/types";
import { buttonClasses } from "@/components/ui/button";
import { formatInteger } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Breadcrumbs } from "@/components/catalog/breadcrumbs";
import { EndpointCard } from "@/components/catalog/endpoint-card";

/** Where "Chat with this model" goes: a new chat on it. */
function chatHref(modelId: string): string {
  return `/chat?model=${encodeURIComponent(modelId)}`;
}

/** A model's page. `access`: what the signed-in reader's settings leave of its providers (null when signed out). */
export function ModelDetail({ model, access = null }: { model: TModelDetail; access?: TModelAvailability | null }) {
  const routable = model.endpoints.filter((e) => e.isRoutable).length;
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-col gap-4">
        <Breadcrumbs items={[{ label: "Models", href: "/models" }, { label: model.name }]} />
        <div className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{model.name}</h1>
            {model.isFree ? <Badge>Free variant</Badge> : null}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <code className="rounded-md bg-muted px-2 py-1 font-mono text-sm break-all">{model.id}</code>
            <CopyButton value={model.id} size="sm" label="Copy id" />
          </div>
          {model.description ? <p className="max-w-2xl text-muted-foreground">{model.description}</p> : null}
          <p className="text-sm text-muted-foreground">
            Context window{" "}
            <span className="font-medium text-foreground tabular-nums">{formatInteger(model.contextLength)}</span>{" "}
            tokens · {model.endpoints.length} {model.endpoints.length === 1 ? "provider" : "providers"}, {routable}{" "}
            configured on this server
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <Link href={chatHref(model.id)} className={buttonClasses({ size: "sm" })}>
              Chat with this model <ArrowRight className="size-4" aria-hidden="true" />
            </Link>
          </div>
          {access ? (
            <p className="max-w-2xl text-sm" aria-label="Your settings">
              {access.allowed.length > 0 ? (
                <>
                  Your privacy settings allow{" "}
                  <span className="font-medium">
                    {access.allowed.length} of {model.endpoints.length}
                  </span>{" "}
                  of its providers: {access.allowed.map((p) => p.name).join(", ")}.
                </>
              ) : (
                <>
                  <span className="font-medium text-destructive">No provider is allowed</span> for you
                  {access.refusal && access.refusal.labels.length > 0 ? ` (${access.refusal.labels.join(", ")})` : ""}.
                </>
              )}{" "}
              <Link href={PRIVACY_SETTINGS_PATH} className="text-brand underline-offset-2 hover:underline">
                Privacy settings
              </Link>
            </p>
          ) : null}
          {model.counterpart ? (
            <Link
              href={model.counterpart.href}
              className="inline-flex w-fit items-center gap-1 text-sm font-medium text-brand underline-offset-4 hover:underline"
            >
              {model.isFree ? "The paid model" : "The free variant"}: {model.counterpart.name}
              <ArrowRight className="size-4" aria-hidden="true" />
            </Link>
          ) : null}
        </div>
      </div>

      <section aria-labelledby="endpoints-heading" className="flex flex-col gap-4">
        <div className="flex flex-col gap-1.5">
          <h2 id="endpoints-heading" className="text-xl font-semibold tracking-tight">
            Providers
          </h2>
          <p className="max-w-2xl text-sm text-muted-foreground">
            Cheapest first, the order Privet tries them in unless a request says otherwise. Your privacy settings and
            the request&apos;s <code className="font-mono text-xs">provider</code> options decide which of them may
            receive a prompt; an endpoint whose policy is unknown counts as one that keeps prompts and may train on
            them.
          </p>
        </div>
        {model.endpoints.length === 0 ? (
          <p className="rounded-lg border border-dashed px-4 py-6 text-sm text-muted-foreground">
            No provider serves this model in the catalog.
          </p>
        ) : (
          <ul aria-labelledby="endpoints-heading" className="flex flex-col gap-4">
            {model.endpoints.map((endpoint) => (
              <li key={endpoint.id}>
                <EndpointCard endpoint={endpoint} title={endpoint.provider.name} titleHref={endpoint.provider.href} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
