import type { ReactNode } from "react";
import Link from "next/link";
import { ArrowLeft, ExternalLink, ShieldCheck } from "lucide-react";
import type { TGenerationDetail } from "@/lib/activity/detail";
import type { TDataPolicy } from "@/lib/catalog/types";
import { appLabel, generationMs, speedOf } from "@/lib/activity/view";
import { isPolicyRefusal } from "@/lib/observability/outcome";
import { GENERATION_KIND_LABELS } from "@/lib/generations/record";
import { describePublishing, describeRetention, describeTraining } from "@/lib/policy/describe";
import type { TChatMessage } from "@/lib/gateway/adapters";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "@/components/activity/activity-table-columns";
import { AttemptsWaterfall } from "@/components/activity/attempts-waterfall";
import { WhyThisProvider } from "@/components/activity/why-this-provider";
import { ContentTabs, type TContentView } from "@/components/activity/content-tabs";
import { DeleteContentButton, DeleteLogButton } from "@/components/activity/delete-buttons";
import type { TIdAction } from "@/components/activity/types";
import { formatCost, formatInteger, formatMs, formatSpeed } from "@/lib/format";

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm min-[480px]:grid-cols-2">
      {items.map(([term, value]) => (
        <div key={term} className="flex min-w-0 flex-col gap-0.5">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="min-w-0 font-medium break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function messageText(m: TChatMessage): string {
  const parts: string[] = [];
  const content = m.content;
  if (typeof content === "string") parts.push(content);
  else if (Array.isArray(content)) {
    for (const p of content) {
      if (p.type === "text") parts.push(p.text);
      else if (p.type === "refusal") parts.push(p.refusal);
      else if (p.type === "image_url") parts.push("[image]");
      else if (p.type === "input_audio") parts.push("[audio]");
      else if (p.type === "file") parts.push(`[file${p.file.filename ? `: ${p.file.filename}` : ""}]`);
    }
  }
  if (m.role === "assistant")
    for (const call of m.tool_calls ?? []) parts.push(`[tool call: ${call.function.name}(${call.function.arguments})]`);
  return parts.join("\n");
}

const none = <span className="font-normal text-muted-foreground">—</span>;

/** One provider's data policy as it was when the request was made. */
function PolicyFacts({ policy }: { policy: TDataPolicy }) {
  return (
    <div className="flex flex-col gap-4">
      <Facts
        items={[
          ["Retention", describeRetention(policy)],
          ["Training", describeTraining(policy)],
          ["Publishing", describePublishing(policy)],
          ["Zero data retention", policy.zdr === null ? "Unknown" : policy.zdr ? "Yes" : "No"],
          ["Policy checked", policy.checkedAt ?? "Unknown"],
        ]}
      />
      {policy.termsUrl || policy.privacyUrl ? (
        <div className="flex flex-wrap gap-4 text-sm">
          {policy.termsUrl ? (
            <a
              href={policy.termsUrl}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 font-medium underline underline-offset-4"
            >
              Terms <ExternalLink className="size-3.5" aria-hidden="true" />
            </a>
          ) : null}
          {policy.privacyUrl ? (
            <a
              href={policy.privacyUrl}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 font-medium underline underline-offset-4"
            >
              Privacy policy <ExternalLink className="size-3.5" aria-hidden="true" />
            </a>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** One request in full: what it was, how long it took, who was tried and who served it under which policy, and its content when logged. */
export function GenerationDetail({
  detail,
  deleteLogAction,
  deleteContentAction,
}: {
  detail: TGenerationDetail;
  deleteLogAction: TIdAction;
  deleteContentAction: TIdAction;
}) {
  const g = detail.generation;
  const speed = speedOf(g.completionTokens, g.latencyMs, g.firstTokenMs);
  const content: TContentView | null =
    detail.content.state === "stored"
      ? {
          messages: detail.content.value.input.messages.map((m) => ({ role: m.role, text: messageText(m) })),
          completion: detail.content.value.output.completion,
          isPartial: detail.content.value.output.is_partial,
        }
      : null;

  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-8 sm:px-6 lg:py-12">
      <Link
        href="/activity"
        className="inline-flex w-fit items-center gap-1.5 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        Activity
      </Link>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight break-all sm:text-3xl">{g.model}</h1>
            <StatusBadge
              status={g.status}
              httpStatus={g.httpStatus}
              isPolicyRefusal={g.status === "error" && isPolicyRefusal(g.errorCode)}
            />
          </div>
          <p className="text-sm text-muted-foreground">
            <LocalTime iso={g.createdAt.toISOString()} /> · {g.providerName ?? "No provider served it"}
          </p>
        </div>
        <DeleteLogButton id={g.id} action={deleteLogAction} />
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Request</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-5">
          <div className="flex flex-col gap-2">
            <p className="text-sm text-muted-foreground">Generation id</p>
            <div className="flex flex-wrap items-center gap-2">
              <code className="rounded bg-muted px-2 py-1 font-mono text-sm break-all">{g.id}</code>
              <CopyButton value={g.id} label="Copy id" />
            </div>
          </div>
          <Facts
            items={[
              ["Model", g.model],
              ["API", GENERATION_KIND_LABELS[g.kind]],
              [
                "Provider",
                g.providerName ? `${g.providerName}${g.upstreamModel ? ` (${g.upstreamModel})` : ""}` : none,
              ],
              [
                "App",
                g.appReferer
                  ? `${appLabel(g.appTitle, g.appReferer)} — ${g.appReferer}`
                  : g.origin === "chat"
                    ? "Chat (Privet's chat page)"
                    : "Unknown (no HTTP-Referer)",
              ],
              [
                "Made with",
                g.origin === "chat"
                  ? "The chat page"
                  : detail.apiKey
                    ? `API key ${detail.apiKey.name} (${detail.apiKey.prefix}…)`
                    : "An API key that no longer exists",
              ],
              [
                "Status",
                `${g.status === "success" ? "Succeeded" : g.status === "cancelled" ? "Cancelled" : "Failed"} · HTTP ${g.httpStatus}${g.errorCode ? ` · ${g.errorCode}` : ""}`,
              ],
              [
                "Finish reason",
                g.finishReason
                  ? `${g.finishReason}${g.nativeFinishReason && g.nativeFinishReason !== g.finishReason ? ` (provider: ${g.nativeFinishReason})` : ""}`
                  : none,
              ],
              ["Streamed", g.streamed ? "Yes" : "No"],
              ["End user", g.externalUser ?? none],
            ]}
          />
        </CardContent>
      </Card>

      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Timing</CardTitle>
          </CardHeader>
          <CardContent>
            <Facts
              items={[
                ["Latency", formatMs(g.latencyMs)],
                ["Time to first token", formatMs(g.firstTokenMs)],
                ["Generation time", formatMs(generationMs(g.latencyMs, g.firstTokenMs))],
                ["Speed", formatSpeed(speed)],
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Tokens and cost</CardTitle>
          </CardHeader>
          <CardContent>
            <Facts
              items={[
                ["Input tokens", formatInteger(g.promptTokens)],
                ["Output tokens", formatInteger(g.completionTokens)],
                ["Total tokens", formatInteger(g.promptTokens + g.completionTokens)],
                ["Cached input tokens", formatInteger(g.cachedPromptTokens)],
                ["Reasoning tokens", formatInteger(g.reasoningTokens)],
                [
                  "Cost",
                  g.usageEstimated
                    ? `${formatCost(g.cost)} (estimated: the provider sent no usable token counts)`
                    : formatCost(g.cost),
                ],
              ]}
            />
          </CardContent>
        </Card>
      </div>

      {detail.route ? (
        <Card>
          <CardHeader>
            <CardTitle>Routing</CardTitle>
            <CardDescription>
              Which endpoints Privet considered, in what order, and which routing step left each of the others out.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <WhyThisProvider route={detail.route} />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Provider attempts</CardTitle>
          <CardDescription>
            Providers are tried one after another; a failure falls back to the next eligible one.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <AttemptsWaterfall attempts={g.attempts} providerNames={detail.providerNames} servedBy={g.providerSlug} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Who received it, and their data policy at the time</CardTitle>
          <CardDescription>
            Every provider this request was sent to — whether it answered, failed, or the request was stopped first —
            with its published policy as Privet knew it then.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {detail.sentTo.length > 0 ? (
            <ul className="flex flex-col gap-6" aria-label="Providers that received this request">
              {detail.sentTo.map((p) => (
                <li key={p.slug} className="flex flex-col gap-3">
                  <p className="text-sm font-medium">
                    {p.name} <span className="font-mono font-normal text-muted-foreground">({p.slug})</span>
                    <span className="font-normal text-muted-foreground">
                      {" "}
                      · {p.isServed ? "served the answer" : "received the request, no answer from it"}
                    </span>
                  </p>
                  {p.policy ? (
                    <PolicyFacts policy={p.policy} />
                  ) : (
                    <p className="text-sm text-muted-foreground">Its policy at the time was not recorded.</p>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">
              The request was sent to no provider, so no provider received its content.
            </p>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="sm:flex-row sm:items-start sm:justify-between">
          <div className="flex flex-col gap-1.5">
            <CardTitle>Content</CardTitle>
            <CardDescription>
              {content
                ? "Prompt logging was on for this request, so its prompt and completion are stored, encrypted, until their retention ends."
                : detail.content.state === "unreadable"
                  ? "Content was stored, but it cannot be decrypted: the encryption key it was stored with is no longer configured."
                  : "No prompt or completion is stored for this request: prompt logging was off when it was made, or what was logged has been deleted or has expired."}
            </CardDescription>
          </div>
          {content || detail.content.state === "unreadable" ? (
            <DeleteContentButton id={g.id} action={deleteContentAction} />
          ) : null}
        </CardHeader>
        {content ? (
          <CardContent>
            <ContentTabs content={content} />
          </CardContent>
        ) : (
          <CardContent>
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <ShieldCheck className="size-4 text-brand" aria-hidden="true" />
              <span>
                Only metadata is kept for this request.{" "}
                <Link href="/settings/privacy" className="font-medium text-foreground underline underline-offset-4">
                  Prompt logging settings
                </Link>
              </span>
            </p>
          </CardContent>
        )}
      </Card>
    </div>
  );
}
