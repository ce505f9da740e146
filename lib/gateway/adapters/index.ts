// The adapter for a provider's API (TProvider.api in the catalog).
import type { TProviderApi } from "@/lib/catalog/types";
import { anthropicAdapter } from "./anthropic";
import { openaiAdapter } from "./openai";
import type { TAdapter } from "./types";

export { AdapterRequestError, UpstreamFormatError } from "./errors";
export type * from "./types";

export function adapterFor(api: TProviderApi): TAdapter {
  switch (api) {
    case "openai":
      return openaiAdapter;
    case "anthropic":
      return anthropicAdapter;
    default: {
      // Exhaustiveness: a new API in the catalog type must get an adapter here.
      const unknownApi: never = api;
      throw new Error(`no adapter for upstream API ${String(unknownApi)}`);
    }
  }
}
