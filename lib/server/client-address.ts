// The client address Privet throttles sign-in attempts by. next-auth hands `authorize` only the
// request headers, so the custom server writes the address into X-Forwarded-For before Next.js
// sees the request. A client can send any X-Forwarded-For it likes, so the header it sent is
// believed only when the operator says a reverse proxy in front sets it (PRIVET_TRUST_PROXY=1 or
// another "on" spelling),
// and then only its last entry: the address that proxy saw.
import type { IncomingMessage } from "node:http";
import { setting } from "@/lib/env";

export function isProxyTrusted(env: Record<string, string | undefined> = process.env): boolean {
  return setting("PRIVET_TRUST_PROXY", env);
}

/** The address to key per-client limits on: the socket's peer, or what a trusted proxy reported. */
export function clientAddress(
  forwardedFor: string | string[] | undefined,
  socketAddress: string | undefined,
  isTrusted: boolean,
): string {
  if (isTrusted) {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
    const last = header
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last;
  }
  return socketAddress ?? "unknown";
}

/** Replaces the request's X-Forwarded-For with the one address limits should use. */
export function setClientAddressHeader(req: IncomingMessage, isTrusted = isProxyTrusted()): void {
  req.headers["x-forwarded-for"] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, isTrusted);
}
