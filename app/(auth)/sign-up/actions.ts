"use server";

import { z } from "zod";
import { signUp } from "@/lib/accounts/signup";
import { publicAction } from "@/lib/actions/define-action";
import { ZSignUp } from "@/lib/auth/schemas";
import { requestAddress } from "@/lib/auth/session";

/**
 * Creates an account under the instance's sign-up mode; signs nobody in (the form does that with
 * the same credentials). Answers the same whether or not the email already has an account.
 */
export const signUpAction = publicAction(
  "signUp",
  ZSignUp.extend({ invite: z.string().max(200).optional() }),
  async (input) => signUp(input, await requestAddress()),
);
