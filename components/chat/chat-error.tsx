import Link from "next/link";
import { CircleAlert, RotateCcw, Settings2 } from "lucide-react";
import { activityHref } from "@/lib/chat/links";
import type { TChatErrorView, TConversationOptions, TFix } from "@/lib/chat/types";
import { Button } from "@/components/ui/button";

export type TFixHandler = (option: keyof Pick<TConversationOptions, "denyDataCollection" | "zdr">) => void;

/** One way out of a refusal: a link to the exact setting, a conversation switch, or a hint. */
function FixItem({ fix, onConversationFix }: { fix: TFix; onConversationFix?: TFixHandler }) {
  switch (fix.kind) {
    case "setting":
      return (
        <Link
          href={fix.href}
          className="inline-flex items-center gap-1.5 font-medium text-brand underline-offset-2 hover:underline"
        >
          <Settings2 className="size-3.5 shrink-0" aria-hidden="true" />
          Change “{fix.label}” in your privacy settings
        </Link>
      );
    case "conversation":
      return onConversationFix ? (
        <Button
          variant="outline"
          size="sm"
          className="h-7 px-2.5 text-xs"
          onClick={() => onConversationFix(fix.option)}
        >
          Turn off “{fix.label.replace(/ \(this conversation\)$/, "")}” for this conversation
        </Button>
      ) : (
        <span>Turn off “{fix.label}”.</span>
      );
    case "docs":
      return (
        <Link href={fix.href} className="font-medium text-brand underline-offset-2 hover:underline">
          {fix.label}
        </Link>
      );
    case "hint":
      return <span>{fix.label}</span>;
  }
}

/** The ways out of a refusal, one per item. */
export function FixList({
  fixes,
  onConversationFix,
  className,
}: {
  fixes: TFix[];
  onConversationFix?: TFixHandler;
  className: string;
}) {
  return (
    <ul className={className}>
      {fixes.map((fix) => (
        <li key={`${fix.kind}-${fix.label}`}>
          <FixItem fix={fix} onConversationFix={onConversationFix} />
        </li>
      ))}
    </ul>
  );
}

/**
 * A reply that failed, shown where the reply would be: the true reason, what was tried, and what
 * to do next. `isRestored` says the user's message was put back in the input box.
 */
export function ChatErrorCard({
  error,
  isRestored,
  onRetry,
  onConversationFix,
}: {
  error: TChatErrorView;
  isRestored: boolean;
  onRetry?: () => void;
  onConversationFix?: TFixHandler;
}) {
  const refusal = error.refusal;
  return (
    <div className="flex flex-col gap-2.5 rounded-lg border border-destructive/30 bg-destructive-soft px-3.5 py-3 text-sm">
      <p className="flex items-start gap-2 font-semibold text-destructive">
        <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        <span>{error.title}</span>
      </p>
      {refusal ? (
        <>
          <p className="text-foreground">
            {refusal.labels.length > 0 ? (
              <>
                Blocked by: <strong>{refusal.labels.join(", ")}</strong>.
              </>
            ) : (
              error.message
            )}
          </p>
          {refusal.excluded.length > 0 ? (
            <ul className="flex flex-col gap-1 text-xs text-muted-foreground">
              {refusal.excluded.map((item) => (
                <li key={`${item.provider}-${item.label}`}>
                  <span className="font-medium text-foreground">{item.providerName}</span> — {item.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {refusal.fixes.length > 0 ? (
            <div className="flex flex-col gap-1.5">
              <p className="text-xs font-medium text-muted-foreground">What would change it</p>
              <FixList
                fixes={refusal.fixes}
                onConversationFix={onConversationFix}
                className="flex flex-col items-start gap-1.5 text-sm"
              />
            </div>
          ) : null}
        </>
      ) : (
        <p className="text-foreground">{error.message}</p>
      )}
      {error.attempts.length > 0 && error.kind !== "cancelled" ? (
        <div className="flex flex-col gap-1">
          <p className="text-xs font-medium text-muted-foreground">What Privet tried, in order</p>
          <ol className="list-decimal pl-5 text-xs">
            {error.attempts.map((attempt, index) => (
              <li key={`${attempt.provider}-${index}`}>
                <span className="font-medium">{attempt.providerName}</span>{" "}
                <span className="font-mono text-muted-foreground">({attempt.provider})</span> — {attempt.outcome}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-muted-foreground">
        {isRestored ? <span>Your message is back in the input box.</span> : null}
        {onRetry ? (
          <Button variant="outline" size="sm" className="h-7 px-2.5 text-xs" onClick={onRetry}>
            <RotateCcw className="size-3.5" aria-hidden="true" />
            Retry
          </Button>
        ) : null}
        {error.generationId ? (
          <Link
            prefetch={false}
            href={activityHref(error.generationId)}
            className="font-mono underline-offset-2 hover:text-foreground hover:underline"
            title="The metadata record of this request"
          >
            {error.generationId}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
