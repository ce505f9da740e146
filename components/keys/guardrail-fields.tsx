"use client";

import { useId } from "react";
import type { TGuardrailsView, TLimitsView } from "@/lib/keys/api-key-view";
import type { TGuardrailsForm } from "@/lib/keys/guardrails-schema";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/field-error";
import { Label } from "@/components/ui/label";
import { TextField } from "@/components/ui/text-field";

const SELECT_CLASS = cn(
  "flex h-10 w-full min-w-0 cursor-pointer rounded-md border border-input bg-card px-3 py-2 text-base text-foreground shadow-xs sm:text-sm",
  "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/40",
);

/** Reads the fields below out of their form. */
export function readGuardrailsForm(form: HTMLFormElement, requireZdr: boolean): TGuardrailsForm {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  return {
    spendLimit: text("spendLimit"),
    limitReset: text("limitReset"),
    allowedModels: text("allowedModels"),
    allowedProviders: text("allowedProviders"),
    requireZdr,
    expiresAt: text("expiresAt"),
    rateLimitPerMinute: text("rateLimitPerMinute"),
    allowedDataRegions: text("allowedDataRegions"),
  };
}

/**
 * A key's guardrails — or, with `kind="account"`, an account's limits, which have no expiry and no
 * data regions — as form fields (uncontrolled, read with readGuardrailsForm); the ZDR box is the
 * caller's state. Every field may stay empty: an empty field sets no limit.
 */
export function GuardrailFields({
  initial,
  requireZdr,
  onRequireZdrChange,
  errors,
  kind = "key",
}: {
  initial: (TLimitsView & Partial<Pick<TGuardrailsView, "expiresAt" | "allowedDataRegions">>) | null;
  requireZdr: boolean;
  onRequireZdrChange: (value: boolean) => void;
  errors: Record<string, string>;
  kind?: "key" | "account";
}) {
  const id = useId();
  const isKey = kind === "key";
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        id={`${id}-limit`}
        name="spendLimit"
        label="Spending limit (USD)"
        inputMode="decimal"
        placeholder="No limit"
        autoComplete="off"
        defaultValue={initial?.spendLimit ?? ""}
        error={errors.spendLimit}
        hint={
          isKey
            ? "Over it, requests get 402 until the limit resets."
            : "Summed over the account's API and chat requests; over it, they get 402 until the limit resets."
        }
      />
      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-reset`}>Limit resets</Label>
        <select
          id={`${id}-reset`}
          name="limitReset"
          className={SELECT_CLASS}
          defaultValue={initial?.limitReset ?? ""}
          aria-invalid={errors.limitReset ? true : undefined}
          aria-describedby={errors.limitReset ? `${id}-reset-error` : undefined}
        >
          <option value="">No reset</option>
          <option value="daily">Daily (midnight UTC)</option>
          <option value="weekly">Weekly (Monday, UTC)</option>
          <option value="monthly">Monthly (the 1st, UTC)</option>
        </select>
        <FieldError id={`${id}-reset-error`} message={errors.limitReset ?? null} />
      </div>
      <TextField
        id={`${id}-models`}
        name="allowedModels"
        label="Allowed models"
        placeholder="Any model"
        autoComplete="off"
        defaultValue={initial?.allowedModels.join(", ") ?? ""}
        error={errors.allowedModels}
        hint="Model ids, separated by commas, e.g. anthropic/claude-sonnet-4."
      />
      <TextField
        id={`${id}-providers`}
        name="allowedProviders"
        label="Allowed providers"
        placeholder="Any provider"
        autoComplete="off"
        defaultValue={initial?.allowedProviders.join(", ") ?? ""}
        error={errors.allowedProviders}
        hint="Provider slugs, separated by commas."
      />
      {isKey ? (
        <TextField
          id={`${id}-expires`}
          name="expiresAt"
          type="date"
          label="Expires on"
          defaultValue={initial?.expiresAt?.slice(0, 10) ?? ""}
          error={errors.expiresAt}
          hint="The key stops working at the start of that day (UTC)."
        />
      ) : null}
      <TextField
        id={`${id}-rpm`}
        name="rateLimitPerMinute"
        label="Requests per minute"
        inputMode="numeric"
        placeholder="No limit of its own"
        autoComplete="off"
        defaultValue={initial?.rateLimitPerMinute ?? ""}
        error={errors.rateLimitPerMinute}
        hint={isKey ? undefined : "API keys and the chat together."}
      />
      {isKey ? (
        <TextField
          id={`${id}-regions`}
          name="allowedDataRegions"
          label="Allowed data regions"
          placeholder="Any region"
          autoComplete="off"
          defaultValue={initial?.allowedDataRegions?.join(", ") ?? ""}
          error={errors.allowedDataRegions}
          hint="Country codes or EU, separated by commas: only providers processing prompts there (inside your privacy settings' regions)."
        />
      ) : null}
      <div className="sm:col-span-2">
        <CheckboxField
          label="Zero-data-retention providers only"
          hint={
            isKey
              ? "Requests with this key reach only providers that keep nothing, whatever they ask for."
              : "Every request of the account reaches only providers that keep nothing, whatever it asks for."
          }
          isChecked={requireZdr}
          onChange={onRequireZdrChange}
        />
      </div>
    </div>
  );
}
