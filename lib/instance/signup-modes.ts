// The sign-up modes (pure: the admin page's form imports them too).
import { z } from "zod";

export const SIGNUP_MODES = ["open", "invite", "closed"] as const;
export type TSignupMode = (typeof SIGNUP_MODES)[number];
export const ZSignupMode = z.enum(SIGNUP_MODES, { error: "Sign-up mode is open, invite or closed." });

/** Whether a listening address is a loopback one: only this machine can reach Privet there. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}
