// The sign-up modes (pure: the admin page's form imports them too).
import { z } from "zod";

export const SIGNUP_MODES = ["open", "invite", "closed"] as const;
export type TSignupMode = (typeof SIGNUP_MODES)[number];
export const ZSignupMode = z.enum(SIGNUP_MODES, { error: "Sign-up mode is open, invite or closed." });
