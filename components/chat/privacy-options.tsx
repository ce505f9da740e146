"use client";

import { useId } from "react";
import Link from "next/link";
import { ArrowDown, ArrowUp, Lock, X } from "lucide-react";
import { settingHref } from "@/lib/chat/links";
import type {
  TAccountSettingsView,
  TChatModelView,
  TConversationOptions,
  TOptionsKey,
  TSettingAnchor,
} from "@/lib/chat/types";
import { Button } from "@/components/ui/button";
import { AvailabilitySummary } from "@/components/chat/model-picker";
import { CheckboxField } from "@/components/ui/checkbox-field";

function Toggle({
  label,
  description,
  isChecked,
  isLocked,
  lockedNote,
  onChange,
}: {
  label: string;
  description: string;
  isChecked: boolean;
  isLocked: boolean;
  lockedNote: string;
  onChange: (value: boolean) => void;
}) {
  return (
    <CheckboxField
      label={label}
      hint={
        <>
          {description}
          {isLocked ? <span className="mt-0.5 block font-medium text-foreground">{lockedNote}</span> : null}
        </>
      }
      isChecked={isChecked || isLocked}
      isDisabled={isLocked}
      isCompact
      onChange={onChange}
    />
  );
}

function SettingRow({ label, value, anchor }: { label: string; value: string; anchor: TSettingAnchor }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 py-1">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="flex items-baseline gap-2">
        <span className="font-medium">{value}</span>
        <Link
          href={settingHref(anchor)}
          className="text-brand underline-offset-2 hover:underline"
          aria-label={`Change ${label.toLowerCase()}`}
        >
          Change
        </Link>
      </dd>
    </div>
  );
}

/**
 * The conversation's privacy options. They are sent as routing preferences on every message and
 * can only narrow what the account settings allow; the account settings are shown read-only
 * beside them, each with a link to the exact setting.
 */
export function PrivacyOptions({
  options,
  onChange,
  settings,
  model,
  optionsKey,
}: {
  options: TConversationOptions;
  onChange: (options: TConversationOptions) => void;
  settings: TAccountSettingsView;
  model: TChatModelView | undefined;
  optionsKey: TOptionsKey;
}) {
  const id = useId();
  const providers = model?.providers ?? [];
  const nameOf = (slug: string) => providers.find((p) => p.slug === slug)?.name ?? slug;
  const addable = providers.filter((p) => !options.order.includes(p.slug));

  function move(index: number, delta: number) {
    const order = [...options.order];
    const [item] = order.splice(index, 1);
    order.splice(index + delta, 0, item!);
    onChange({ ...options, order });
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4 rounded-xl border bg-card p-4 text-sm shadow-xs"
    >
      <div className="flex flex-col gap-1">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          Privacy for this conversation
        </h2>
        <p className="flex items-start gap-1.5 text-xs text-muted-foreground">
          <Lock className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
          These options can only tighten your account settings. They never allow a provider your settings exclude.
        </p>
      </div>

      <div className="flex flex-col gap-3">
        <Toggle
          label="Deny data collection"
          description={
            'Only providers that neither retain nor train on your prompts (sends provider.data_collection: "deny").'
          }
          isChecked={options.denyDataCollection}
          isLocked={false}
          lockedNote=""
          onChange={(value) => onChange({ ...options, denyDataCollection: value })}
        />
        <Toggle
          label="Zero data retention only"
          description="Only providers that keep nothing at all (sends provider.zdr: true)."
          isChecked={options.zdr}
          isLocked={settings.zdrOnly}
          lockedNote="Already required by your account settings."
          onChange={(value) => onChange({ ...options, zdr: value })}
        />
      </div>

      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-medium">Preferred providers</h3>
        <p className="text-xs text-muted-foreground">
          Tried first, in this order (provider.order). Providers your settings exclude are never used, even when listed
          here.
        </p>
        {options.order.length > 0 ? (
          <ol className="flex flex-col gap-1">
            {options.order.map((slug, index) => (
              <li key={slug} className="flex items-center gap-1 rounded-md border bg-background py-1 pr-1 pl-2.5">
                <span className="min-w-0 flex-1 truncate">
                  {index + 1}. {nameOf(slug)}
                  {providers.length > 0 && !providers.some((p) => p.slug === slug) ? (
                    <span className="text-xs text-muted-foreground"> (does not serve this model)</span>
                  ) : null}
                </span>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={`Move ${nameOf(slug)} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUp className="size-3.5" aria-hidden="true" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={`Move ${nameOf(slug)} down`}
                  disabled={index === options.order.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDown className="size-3.5" aria-hidden="true" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={`Remove ${nameOf(slug)} from preferred providers`}
                  onClick={() => onChange({ ...options, order: options.order.filter((s) => s !== slug) })}
                >
                  <X className="size-3.5" aria-hidden="true" />
                </Button>
              </li>
            ))}
          </ol>
        ) : null}
        {addable.length > 0 ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-add`} className="sr-only">
              Add a preferred provider
            </label>
            <select
              id={`${id}-add`}
              value=""
              onChange={(event) => {
                if (event.target.value) onChange({ ...options, order: [...options.order, event.target.value] });
              }}
              className="h-9 w-full rounded-md border border-input bg-card px-2 text-sm sm:max-w-xs"
            >
              <option value="">Add a preferred provider…</option>
              {addable.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>

      {model ? (
        <p className="rounded-md bg-muted/60 px-3 py-2 text-xs">
          With these options, <span className="font-medium">{model.name}</span>:{" "}
          <AvailabilitySummary model={model} optionsKey={optionsKey} />
        </p>
      ) : null}

      <div className="flex flex-col gap-1 border-t pt-3">
        <h3 className="text-sm font-medium">Your account settings</h3>
        <p className="text-xs text-muted-foreground">They apply to every request, from the chat and the API alike.</p>
        <dl className="mt-1 divide-y text-xs">
          <SettingRow
            label="Prompt logging"
            value={settings.promptLogging ? `On (kept ${settings.contentRetentionDays} days)` : "Off"}
            anchor="prompt-logging"
          />
          <SettingRow
            label="Paid-model training"
            value={settings.allowTrainingPaid ? "Allowed" : "Not allowed"}
            anchor="train-paid"
          />
          <SettingRow
            label="Free-model training"
            value={settings.allowTrainingFree ? "Allowed" : "Not allowed"}
            anchor="train-free"
          />
          <SettingRow label="Zero data retention only" value={settings.zdrOnly ? "On" : "Off"} anchor="zdr-only" />
          <SettingRow
            label="Ignored providers"
            value={
              settings.ignoredProviders.length > 0 ? settings.ignoredProviders.map((p) => p.name).join(", ") : "None"
            }
            anchor="ignored-providers"
          />
        </dl>
      </div>
    </section>
  );
}
