"use client";

import { useIsClient } from "@/components/ui/use-is-client";

type TPrecision = "date" | "minute";

const STYLES: Record<TPrecision, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  minute: { dateStyle: "medium", timeStyle: "short" },
};

/**
 * A date in the reader's time zone and locale. The server does not know either, so it renders UTC
 * (labelled) and the browser switches to local time right after hydration.
 */
export function LocalTime({ iso, precision = "minute" }: { iso: string; precision?: TPrecision }) {
  const isClient = useIsClient();
  const date = new Date(iso);
  const text = isClient
    ? new Intl.DateTimeFormat(undefined, STYLES[precision]).format(date)
    : `${new Intl.DateTimeFormat("en-GB", { ...STYLES[precision], timeZone: "UTC" }).format(date)}${precision === "date" ? "" : " UTC"}`;
  return (
    <time dateTime={iso} title={date.toISOString()}>
      {text}
    </time>
  );
}
