import type { TApiKeyView } from "@/lib/keys/api-key-view";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { LocalTime } from "@/components/ui/local-time";
import { PHONE_CARDS } from "@/components/ui/phone-cards";
import { RevokeApiKeyButton } from "@/components/keys/revoke-api-key-button";
import { EditGuardrailsButton } from "@/components/keys/edit-guardrails-button";
import { guardrailsSummary } from "@/components/keys/guardrails-summary";
import type { TRevokeApiKeyAction, TUpdateGuardrailsAction } from "@/components/keys/types";

const TH =
  "px-3 py-3 first:pl-4 last:pr-4 text-left text-xs font-medium tracking-wide text-muted-foreground uppercase whitespace-nowrap";
const TD = "px-3 py-3 first:pl-4 last:pr-4 align-middle whitespace-nowrap";

/**
 * The account's keys, newest first. Only the prefix is ever shown; the key itself is not stored.
 * On a phone each key is a card, so Revoke is in reach without scrolling sideways.
 */
export function ApiKeysTable({
  keys,
  revokeAction,
  updateGuardrailsAction,
}: {
  keys: TApiKeyView[];
  revokeAction: TRevokeApiKeyAction;
  updateGuardrailsAction: TUpdateGuardrailsAction;
}) {
  return (
    // `relative` keeps the visually hidden caption and header inside the scroll box on phones.
    <div className="relative overflow-x-auto rounded-xl border bg-card shadow-xs">
      <table className={cn("w-full border-collapse text-sm", PHONE_CARDS.table)}>
        <caption className="sr-only">Your API keys</caption>
        <thead className={cn("border-b bg-muted/40", PHONE_CARDS.head)}>
          <tr>
            <th scope="col" className={TH}>
              Name
            </th>
            <th scope="col" className={TH}>
              Key
            </th>
            <th scope="col" className={TH}>
              Guardrails
            </th>
            <th scope="col" className={TH}>
              Created
            </th>
            <th scope="col" className={TH}>
              Last used
            </th>
            <th scope="col" className={TH}>
              Status
            </th>
            <th scope="col" className={TH}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className={PHONE_CARDS.body}>
          {keys.map((key) => {
            const isRevoked = key.revokedAt !== null;
            const summary = guardrailsSummary(key.guardrails);
            return (
              <tr
                key={key.id}
                className={cn("border-b last:border-b-0", PHONE_CARDS.row, isRevoked && "text-muted-foreground")}
              >
                <th
                  scope="row"
                  className={cn(TD, "max-w-56 truncate text-left font-medium", PHONE_CARDS.cell, "max-sm:max-w-none")}
                  title={key.name}
                  data-label="Name"
                >
                  {key.name}
                </th>
                <td className={cn(TD, PHONE_CARDS.cell)} data-label="Key">
                  <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{key.prefix}…</code>
                </td>
                <td
                  className={cn(TD, "max-w-72 truncate", PHONE_CARDS.cell, "max-sm:max-w-none")}
                  title={summary.join(" · ")}
                  data-label="Guardrails"
                >
                  {key.isManagement ? (
                    <Badge tone="neutral">Management key</Badge>
                  ) : summary.length > 0 ? (
                    summary.join(" · ")
                  ) : (
                    <span className="text-muted-foreground">None</span>
                  )}
                </td>
                <td className={cn(TD, PHONE_CARDS.cell)} data-label="Created">
                  <LocalTime iso={key.createdAt} precision="date" />
                </td>
                <td className={cn(TD, PHONE_CARDS.cell)} data-label="Last used">
                  {key.lastUsedAt ? <LocalTime iso={key.lastUsedAt} /> : "Never"}
                </td>
                <td className={cn(TD, PHONE_CARDS.cell)} data-label="Status">
                  {isRevoked ? (
                    <Badge tone="danger">Revoked</Badge>
                  ) : key.disabled ? (
                    <Badge tone="warning">Disabled</Badge>
                  ) : (
                    <Badge tone="success">Active</Badge>
                  )}
                </td>
                <td className={cn(TD, "text-right", PHONE_CARDS.cell, "max-sm:justify-end")} data-label="">
                  {isRevoked ? null : (
                    <div className="flex justify-end gap-2">
                      {key.isManagement ? null : (
                        <EditGuardrailsButton apiKey={key} updateAction={updateGuardrailsAction} />
                      )}
                      <RevokeApiKeyButton apiKey={key} revokeAction={revokeAction} />
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
