// The one place that writes Privet's server log (lint: `no-console` everywhere else in lib/, app/,
// components/ and proxy.ts). A line names what failed and, for an error, its class and code —
// never its message: a message can quote a prompt, a submitted value or a provider's answer
// (PRODUCT.md, rule 1). With PRIVET_LOG_FORMAT=json each line is one JSON object (level, time,
// event, request id when known, the error's class and code) for log collectors; same content.
import { setting } from "@/lib/env";

/** What a line may say besides its event: the request it belongs to. Never content. */
export type TLogContext = { requestId?: string };

type TErrorParts = { class: string; code?: string };

function errorParts(error: unknown): TErrorParts {
  const name = error instanceof Error ? error.name : error === null ? "null" : typeof error;
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^[\w.-]{1,64}$/.test(code) ? { class: name, code } : { class: name };
}

/** An error as the log may show it: its class, and its code when it has a string one. */
export function describeError(error: unknown): string {
  const parts = errorParts(error);
  return parts.code === undefined ? parts.class : `${parts.class} ${parts.code}`;
}

function jsonLine(
  level: "info" | "error",
  event: string,
  context: TLogContext | undefined,
  error: unknown,
  hasError: boolean,
): string {
  return JSON.stringify({
    level,
    time: new Date().toISOString(),
    event,
    ...(context?.requestId ? { request_id: context.requestId } : {}),
    ...(hasError ? { error: errorParts(error) } : {}),
  });
}

const isJson = () => setting("PRIVET_LOG_FORMAT") === "json";
const prefix = (line: string, context: TLogContext | undefined) =>
  context?.requestId ? `[privet] ${context.requestId} ${line}` : `[privet] ${line}`;

/** A line about normal operation (a purge that deleted something, the server listening). */
export function logInfo(line: string, context?: TLogContext): void {
  console.log(isJson() ? jsonLine("info", line, context, undefined, false) : prefix(line, context));
}

/** A failure: `line` says what failed; `error`, when given, is reduced to its class and code. */
export function logError(line: string, error?: unknown, context?: TLogContext): void {
  const hasError = error !== undefined;
  if (isJson()) console.error(jsonLine("error", line, context, error, hasError));
  else console.error(hasError ? `${prefix(line, context)}: ${describeError(error)}` : prefix(line, context));
}
