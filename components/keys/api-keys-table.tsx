import type { TApiKeyView } from "@/lib/keys/api-key-view";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { LocalTime } from "@/components/ui/local-time";
import { RevokeApiKeyButton } from "@/components/keys/revoke-api-key-button";
import { EditGuardrailsButton } from "@/components/keys/edit-guardrails-button";
import { guardrailsSummary } from "@/components/keys/guardrails-summary";
import type { TRevokeApiKeyAction, TUpdateGuardrailsAction } from "@/components/keys/types";

const TH =
  "px-3 py-3 first:pl-4 last:pr-4 text-left text-xs font-medium tracking-wide text-muted-foreground uppercase whitespace-nowrap";
const TD = "px-3 py-3 first:pl-4 last:pr-4 align-middle whitespace-nowrap";

/** The account's keys, newest first. Only the prefix is ever shown; the key itself is not stored. */
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
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">Your API keys</caption>
        <thead className="border-b bg-muted/40">
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
        <tbody>
          {keys.map((key) => {
            const isRevoked = key.revokedAt !== null;
            const summary = guardrailsSummary(key.guardrails);
            return (
              <tr key={key.id} className={cn("border-b last:border-b-0", isRevoked && "text-muted-foreground")}>
                <th scope="row" className={cn(TD, "max-w-56 truncate text-left font-medium")} title={key.name}>
                  {key.name}
                </th>
                <td className={TD}>
                  <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{key.prefix}…</code>
                </td>
                <td className={cn(TD, "max-w-72 truncate")} title={summary.join(" · ")}>
                  {key.isManagement ? (
                    <Badge tone="neutral">Management key</Badge>
                  ) : summary.length > 0 ? (
                    summary.join(" · ")
                  ) : (
                    <span className="text-muted-foreground">None</span>
                  )}
                </td>
                <td className={TD}>
                  <LocalTime iso={key.createdAt} precision="date" />
                </td>
                <td className={TD}>{key.lastUsedAt ? <LocalTime iso={key.lastUsedAt} /> : "Never"}</td>
                <td className={TD}>
                  {isRevoked ? (
                    <Badge tone="danger">Revoked</Badge>
                  ) : key.disabled ? (
                    <Badge tone="warning">Disabled</Badge>
                  ) : (
                    <Badge tone="success">Active</Badge>
                  )}
                </td>
                <td className={cn(TD, "text-right")}>
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
