import type { TResult } from "@/lib/errors";

export type TDeleteAccountAction = (input: { password: string }) => Promise<TResult<{ deleted: true }>>;
export type TChangePasswordAction = (input: {
  password: string;
  newPassword: string;
}) => Promise<TResult<{ changed: true }>>;
export type TSignOutEverywhereAction = (input: Record<string, never>) => Promise<TResult<{ signedOut: true }>>;
