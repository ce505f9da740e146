"use server";

import { createAccount } from "@/lib/accounts/accounts";
import { publicAction } from "@/lib/actions/define-action";
import { ZSignUp } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";

/** Creates an account; signs nobody in (the form does that with the same credentials). */
export const signUpAction = publicAction("signUp", ZSignUp, async (input) => {
  try {
    const account = await createAccount(input);
    return { email: account.email };
  } catch (error) {
    // The form shows this one under the email field.
    if (error instanceof AppError && error.code === "conflict") {
      throw new AppError("conflict", error.message, { metadata: { field: "email" } });
    }
    throw error;
  }
});
