// The server actions the activity components call, passed in as props so the components stay
// free of server imports (and testable with stand-ins).
import type { TResult } from "@/lib/errors";

export type TIdAction = (input: { id: string }) => Promise<TResult<{ id: string }>>;
export type TDeleteAllContentAction = (input: Record<string, never>) => Promise<TResult<{ count: number }>>;
export type TDeleteAllActivityAction = (
  input: Record<string, never>,
) => Promise<TResult<{ records: number; contents: number; samples: number }>>;
