// Typed wrappers for server actions. Every action validates its input with zod and returns a
// TResult instead of throwing, so forms can show the message; authed actions get the account
// from the session cookie, never from the client. Expected failures (AppError) carry their
// message to the UI; anything else is logged by class and reference only (it might echo input).
import "server-only";
import crypto from "node:crypto";
import { notFound, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { TAccount } from "@/lib/accounts/accounts";
import { fieldErrors } from "@/lib/auth/schemas";
import { getSessionAccount } from "@/lib/auth/session";
import { isAdmin } from "@/lib/accounts/roles";
import { AppError, type TResult } from "@/lib/errors";
import { logError } from "@/lib/log";

type TAction<S extends z.ZodType, T> = (input: z.input<S>) => Promise<TResult<T>>;

export const SESSION_ENDED = "Your session has ended. Sign in again to continue.";

function invalidInput(error: z.ZodError): TResult<never> {
  const errors = fieldErrors(error);
  return { ok: false, error: Object.values(errors)[0] ?? "Check the form and try again.", fieldErrors: errors };
}

function failure(name: string, error: unknown): TResult<never> {
  // redirect() and notFound() work by throwing; let Next handle them.
  unstable_rethrow(error);
  if (error instanceof AppError) {
    const field = typeof error.metadata?.field === "string" ? error.metadata.field : undefined;
    return { ok: false, error: error.message, ...(field ? { fieldErrors: { [field]: error.message } } : {}) };
  }
  const ref = crypto.randomUUID().slice(0, 8);
  logError(`action ${name} failed (ref ${ref})`, error);
  return { ok: false, error: `Something went wrong on our side (ref ${ref}). Try again.` };
}

/** An action anyone may call (sign-up). */
export function publicAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (input: z.output<S>) => Promise<T>,
): TAction<S, T> {
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    try {
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      return failure(name, error);
    }
  };
}

/** An action for the signed-in account. The handler must still check that the account owns what it touches. */
export function authedAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (account: TAccount, input: z.output<S>) => Promise<T>,
): TAction<S, T> {
  return async (input) => {
    try {
      const account = await getSessionAccount();
      if (!account) return { ok: false, error: SESSION_ENDED };
      const parsed = schema.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      return { ok: true, data: await handler(account, parsed.data) };
    } catch (error) {
      return failure(name, error);
    }
  };
}

/**
 * An action for admins only (/admin). Anyone else — a member, a disabled or signed-out visitor —
 * gets Next's 404, the answer /admin's pages give them, so the actions tell nobody they exist. The
 * role is read from the database on every call: a demotion holds at once.
 */
export function adminAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (admin: TAccount, input: z.output<S>) => Promise<T>,
): TAction<S, T> {
  return async (input) => {
    try {
      const account = await getSessionAccount();
      if (!account || !(await isAdmin(account.id))) notFound();
      const parsed = schema.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      return { ok: true, data: await handler(account, parsed.data) };
    } catch (error) {
      return failure(name, error);
    }
  };
}
