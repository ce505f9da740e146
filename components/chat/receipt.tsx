"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { ChevronDown, ShieldCheck } from "lucide-react";
import { formatCost, formatInteger, formatMs } from "@/lib/format";
import { activityHref, providerDocsHref } from "@/lib/chat/links";
import type { TOutcomeView, TReceiptView } from "@/lib/chat/types";
import { Badge } from "@/components/ui/badge";
import { WhyThisProvider } from "@/components/activity/why-this-provider";
import { describeCounts } from "@/lib/chat/attachments";
import { cn } from "@/components/ui/cn";

const STATUS_TEXT: Record<TOutcomeView["status"], string> = {
  success: "Completed",
  error: "Failed",
  cancelled: "Cancelled (stopped)",
};

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 gap-1.5">
      <dt className="shrink-0 text-muted-foreground">{term}</dt>
      <dd className="min-w-0 font-medium break-words text-foreground">{children}</dd>
    </div>
  );
}

/**
 * The data-handling receipt under a reply: who served it, what that provider keeps, what it cost,
 * and whether Privet stored the text. The figures come from the request's metadata record. On a
 * phone it is one line (who, and what they keep) until tapped open.
 */
export function Receipt({
  receipt,
  outcome,
  clientFirstTokenMs,
  alsoSentTo = [],
  isServed = true,
}: {
  receipt: TReceiptView;
  outcome: TOutcomeView | null;
  clientFirstTokenMs: number | null;
  /** Other providers the request reached (a fallback after sending, a stop before the reply). */
  alsoSentTo?: TReceiptView[];
  /** False when no provider served a reply: `receipt` names the last one the request was sent to. */
  isServed?: boolean;
}) {
  const isRetried = outcome !== null && outcome.attempts.length > 1;
  const [isOpen, setIsOpen] = useState(false);
  const detailsId = useId();
  return (
    <section
      aria-label="Data-handling receipt"
      className="rounded-lg border bg-muted/35 px-3 py-2.5 text-xs leading-relaxed"
    >
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={detailsId}
        onClick={() => setIsOpen(!isOpen)}
        className="-mx-1 flex w-[calc(100%+0.5rem)] cursor-pointer items-center gap-1.5 rounded px-1 text-left sm:hidden"
      >
        <ShieldCheck className="size-3.5 shrink-0 text-brand" aria-hidden="true" />
        <span className="min-w-0 flex-1 truncate">
          {isServed ? "Served by" : "Sent to"} <strong className="font-semibold">{receipt.provider.name}</strong>
          {" · "}
          {receipt.isZdr ? "Zero data retention" : receipt.retention}
        </span>
        <span className="sr-only">{isOpen ? ": hide the receipt" : ": show the whole receipt"}</span>
        <ChevronDown
          className={cn("size-3.5 shrink-0 text-muted-foreground transition-transform", isOpen && "rotate-180")}
          aria-hidden="true"
        />
      </button>
      <div
        id={detailsId}
        data-testid="receipt-details"
        className={cn(isOpen ? "mt-1.5 block" : "hidden", "sm:mt-0 sm:block")}
      >
        <p className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
          <ShieldCheck className="size-3.5 shrink-0 text-brand" aria-hidden="true" />
          <span>
            {isServed ? "Served by" : "Sent to"} <strong className="font-semibold">{receipt.provider.name}</strong>{" "}
            <span className="font-mono text-muted-foreground">({receipt.provider.slug})</span>
          </span>
          {receipt.isZdr ? <Badge tone="success">Zero data retention</Badge> : null}
        </p>
        <dl className="mt-1.5 grid gap-x-5 gap-y-1 sm:grid-cols-2">
          <Item term="Retention">{receipt.retention}</Item>
          <Item term="Training">{receipt.training}</Item>
          {receipt.publishing && receipt.publishing !== "Does not publish" ? (
            <Item term="Publishing">{receipt.publishing}</Item>
          ) : null}
          {isServed || outcome ? (
            <>
              <Item term="Tokens">
                {outcome ? `${formatInteger(outcome.tokensIn)} in · ${formatInteger(outcome.tokensOut)} out` : "…"}
              </Item>
              <Item term="Cost">{outcome ? formatCost(outcome.costUsd) : "…"}</Item>
              <Item term="Latency">
                {outcome ? formatMs(outcome.latencyMs) : "…"}
                {outcome?.firstTokenMs != null ? (
                  <span className="font-normal text-muted-foreground">
                    {" "}
                    · first token {formatMs(outcome.firstTokenMs)}
                    {clientFirstTokenMs !== null ? ` (${formatMs(clientFirstTokenMs)} in this browser)` : ""}
                  </span>
                ) : null}
              </Item>
            </>
          ) : null}
          <Item term="Content stored">{receipt.contentStored ? "Yes (prompt logging is on)" : "No"}</Item>
          {receipt.attachments ? (
            <Item term="Attachments sent">{describeCounts(receipt.attachments) || "None"}</Item>
          ) : null}
          {alsoSentTo.length > 0 ? (
            <Item term="Also sent to">
              {alsoSentTo
                .map(
                  (r) =>
                    `${r.provider.name} (${r.retention}; ${r.training}${r.publishing && r.publishing !== "Does not publish" ? `; ${r.publishing}` : ""})`,
                )
                .join(", ")}
            </Item>
          ) : null}
          {outcome && outcome.status !== "success" ? <Item term="Status">{STATUS_TEXT[outcome.status]}</Item> : null}
          {!isServed ? (
            <Item term="Reply">None: the provider received the conversation, but no reply came from it</Item>
          ) : null}
          {isRetried ? (
            <Item term="Tried">
              {outcome.attempts.map((attempt) => `${attempt.providerName} (${attempt.outcome})`).join(" → ")}
            </Item>
          ) : null}
        </dl>
        {outcome?.route ? (
          <div className="mt-2 border-t pt-2">
            <WhyThisProvider route={outcome.route} compact />
          </div>
        ) : null}
        <p className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1">
          <Link
            prefetch={false}
            href={providerDocsHref(receipt.provider.slug)}
            className="text-brand underline-offset-2 hover:underline"
          >
            {receipt.provider.name}&apos;s data policy
          </Link>
          <Link
            prefetch={false}
            href={activityHref(receipt.generationId)}
            className="font-mono text-muted-foreground underline-offset-2 hover:text-foreground hover:underline"
            title="The metadata record of this reply"
          >
            {receipt.generationId}
          </Link>
        </p>
      </div>
    </section>
  );
}
