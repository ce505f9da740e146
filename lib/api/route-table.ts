// Every /api/v1 route: the router (lib/api/router.ts) matches requests against this table, and the
// cross-tenant inventory (e2e/cross-tenant.api.spec.ts) checks that it attacks each one.
import type { TApiRoute } from "@/lib/api/context";
import { getCreditsRoute, getKeyRoute } from "@/lib/api/routes/key";
import { chatCompletionsRoute } from "@/lib/api/routes/chat-completions";
import { messagesRoute } from "@/lib/api/routes/messages";
import { countTokensRoute } from "@/lib/api/routes/count-tokens";
import { embeddingsRoute } from "@/lib/api/routes/embeddings";
import { responsesRoute } from "@/lib/api/routes/responses";
import { completionsRoute } from "@/lib/api/routes/completions";
import { recordRefused } from "@/lib/api/gateway-io";
import { anthropicErrorBody } from "@/lib/surfaces/messages";
import { getModelRoute, listModelsRoute, listProvidersRoute, modelEndpointsRoute } from "@/lib/api/routes/catalog";
import { getGenerationRoute } from "@/lib/api/routes/generation";
import { getGenerationContentRoute } from "@/lib/api/routes/generation-content";
import { getActivityRoute } from "@/lib/api/routes/activity";
import {
  createKeyRoute,
  deleteKeyRoute,
  getKeyByHashRoute,
  listKeysRoute,
  updateKeyRoute,
} from "@/lib/api/routes/keys";
import { explainRouteRoute } from "@/lib/api/routes/route";

export const API_ROUTES: readonly TApiRoute[] = [
  {
    method: "POST",
    path: "/api/v1/chat/completions",
    auth: "key",
    handler: chatCompletionsRoute,
    onRefused: recordRefused("chat"),
  },
  {
    method: "POST",
    path: "/api/v1/messages",
    auth: "key",
    acceptsXApiKey: true,
    errorBody: anthropicErrorBody,
    handler: messagesRoute,
    onRefused: recordRefused("messages"),
  },
  {
    method: "POST",
    path: "/api/v1/messages/count_tokens",
    auth: "key",
    acceptsXApiKey: true,
    errorBody: anthropicErrorBody,
    handler: countTokensRoute,
  },
  {
    method: "POST",
    path: "/api/v1/embeddings",
    auth: "key",
    handler: embeddingsRoute,
    onRefused: recordRefused("embeddings"),
  },
  {
    method: "POST",
    path: "/api/v1/responses",
    auth: "key",
    handler: responsesRoute,
    onRefused: recordRefused("responses"),
  },
  {
    method: "POST",
    path: "/api/v1/completions",
    auth: "key",
    handler: completionsRoute,
    onRefused: recordRefused("completions"),
  },
  { method: "POST", path: "/api/v1/route", auth: "key", handler: explainRouteRoute },
  { method: "GET", path: "/api/v1/key", auth: "key", isAnyKeyKind: true, handler: getKeyRoute },
  { method: "GET", path: "/api/v1/auth/key", auth: "key", isAnyKeyKind: true, handler: getKeyRoute },
  { method: "GET", path: "/api/v1/keys", auth: "management", handler: listKeysRoute },
  { method: "POST", path: "/api/v1/keys", auth: "management", handler: createKeyRoute },
  { method: "GET", path: "/api/v1/keys/{hash}", auth: "management", handler: getKeyByHashRoute },
  { method: "PATCH", path: "/api/v1/keys/{hash}", auth: "management", handler: updateKeyRoute },
  { method: "DELETE", path: "/api/v1/keys/{hash}", auth: "management", handler: deleteKeyRoute },
  { method: "GET", path: "/api/v1/credits", auth: "key", handler: getCreditsRoute },
  { method: "GET", path: "/api/v1/generation", auth: "key", handler: getGenerationRoute },
  { method: "GET", path: "/api/v1/generation/content", auth: "key", handler: getGenerationContentRoute },
  { method: "GET", path: "/api/v1/activity", auth: "key", handler: getActivityRoute },
  { method: "GET", path: "/api/v1/models", auth: "none", handler: listModelsRoute },
  { method: "GET", path: "/api/v1/model/{author}/{slug}", auth: "none", handler: getModelRoute },
  { method: "GET", path: "/api/v1/models/{author}/{slug}/endpoints", auth: "none", handler: modelEndpointsRoute },
  { method: "GET", path: "/api/v1/providers", auth: "none", handler: listProvidersRoute },
];
