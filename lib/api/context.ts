// What an /api/v1 route is: its declaration in the route table (lib/api/route-table.ts) and the
// context the router (lib/api/router.ts) hands its handler. Its own module, so the routes and the
// router both import it and neither imports the other.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppError } from "@/lib/errors";
import type { TKeyOwner } from "@/lib/keys/api-keys";

export type TApiContext = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path parameters named in the route's template, decoded. */
  params: Record<string, string>;
  /** The API key's owner; an empty owner on a public route. */
  owner: TKeyOwner;
  requestId: string;
};

export type TApiRoute = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** The path, with `{name}` for each path parameter (one segment each): `/api/v1/models/{author}/{slug}/endpoints`. */
  path: `/api/v1/${string}`;
  /**
   * "key": a valid API key is needed, and the request counts against its rate limits; "management":
   * a management key is needed (lib/keys/guardrails.ts); "none": public.
   */
  auth: "key" | "management" | "none";
  /** An "key" route that a management key may call too (`GET /api/v1/key`). */
  isAnyKeyKind?: boolean;
  handler: (ctx: TApiContext) => Promise<void>;
  /** Also take the key from `x-api-key` (Anthropic's clients send it there); `Authorization: Bearer` wins. */
  acceptsXApiKey?: boolean;
  /** The route's own error body (Anthropic's shape on /messages); Privet's `{ error: { code, message } }` otherwise. */
  errorBody?: (error: AppError) => unknown;
  /** Called when an authenticated request is refused before its handler runs (the key's guardrails, a rate limit); returns extra headers. */
  onRefused?: (ctx: TApiContext, error: AppError) => Record<string, string> | void;
};
