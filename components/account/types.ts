import type { TResult } from "@/lib/errors";

export type TDeleteAccountAction = (input: { password: string }) => Promise<TResult<{ deleted: true }>>;
