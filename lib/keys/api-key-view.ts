// What the browser gets to see of an API key: never the hash, dates as ISO strings.
import type { TApiKeyInfo } from "@/lib/keys/api-keys";
import type { TKeyGuardrails, TLimits } from "@/lib/keys/guardrails-schema";

export type TGuardrailsView = Omit<TKeyGuardrails, "expiresAt"> & { expiresAt: string | null };

/** An account's limits as the browser sees them (/admin, the account's settings). */
export type TLimitsView = TLimits;

export type TApiKeyView = {
  id: string;
  name: string;
  /** The key's first characters, enough to tell keys apart; shown with a trailing "…". */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  disabled: boolean;
  /** Manages the account's keys through the API; cannot call models. */
  isManagement: boolean;
  guardrails: TGuardrailsView;
};

/** The result of creating a key: the plaintext, shown to its owner this once, and the list entry. */
export type TCreatedApiKey = { key: string; apiKey: TApiKeyView };

export function toApiKeyView(info: TApiKeyInfo): TApiKeyView {
  return {
    id: info.id,
    name: info.name,
    prefix: info.prefix,
    createdAt: info.createdAt.toISOString(),
    lastUsedAt: info.lastUsedAt?.toISOString() ?? null,
    revokedAt: info.revokedAt?.toISOString() ?? null,
    disabled: info.disabled,
    isManagement: info.isManagement,
    guardrails: { ...info.guardrails, expiresAt: info.guardrails.expiresAt?.toISOString() ?? null },
  };
}
