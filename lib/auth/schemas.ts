// Input schemas for accounts and keys, shared by the forms, the server actions and the CLI.
import { z } from "zod";

export const ZEmail = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter a valid email address." }));

export const ZNewPassword = z
  .string({ error: "Enter a password." })
  .min(8, { error: "Use at least 8 characters for your password." })
  .max(256, { error: "Use at most 256 characters for your password." });

export const ZSignUp = z.object({ email: ZEmail, password: ZNewPassword });

export const ZSignIn = z.object({
  email: ZEmail,
  password: z.string().min(1, { error: "Enter your password." }).max(256),
});

export const ZKeyName = z
  .string({ error: "Give the key a name." })
  .trim()
  .min(1, { error: "Give the key a name." })
  .max(64, { error: "Use at most 64 characters for the name." })
  // Control characters never belong in a name, and PostgreSQL cannot store a NUL.
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), {
    error: "Use letters, digits, spaces and punctuation only.",
  });

export const ZKeyId = z.string().min(1).max(64);

/** Turns a zod error into one message per field, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}
