import { FlaskConical } from "lucide-react";

/**
 * "Demo mode", in the header of every page while `npm run demo` serves: the providers are the
 * built-in mock upstream's, so no reply comes from a real model and nothing leaves the machine.
 */
export function DemoBadge() {
  return (
    <p
      role="note"
      aria-label="Demo mode"
      title="Demo mode: every provider is a built-in demo provider. Replies are made up on this machine; nothing is sent to a real model."
      className="inline-flex shrink-0 items-center gap-1.5 rounded-full border border-warning/40 bg-warning-soft px-2.5 py-1 text-xs font-medium text-foreground"
    >
      <FlaskConical className="size-3.5" aria-hidden="true" />
      <span>
        Demo mode<span className="hidden 2xl:inline"> · replies are made up, nothing leaves this machine</span>
      </span>
    </p>
  );
}
