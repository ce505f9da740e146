"use client";

import { useEffect, useMemo, useRef, useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import type { TSettingsPatch } from "@/lib/privacy/settings";
import type { TPrivacySettingsPage, TPrivacySettingsView } from "@/lib/privacy/privacy-settings";
import { buildPrivacyPreview, fromPreviewCatalog } from "@/lib/privacy/preview";
import { applyPolicyFloor, hasFloor } from "@/lib/policy/floor";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError, FormError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { DeleteLoggedContentDialog } from "@/components/privacy/delete-logged-content-dialog";
import { IgnoredProvidersPicker } from "@/components/privacy/ignored-providers-picker";
import { PolicyPreview } from "@/components/privacy/policy-preview";
import { ChangedMark, SettingSwitch } from "@/components/privacy/setting-switch";
import type { TDeleteLoggedContentAction, TUpdatePrivacySettingsAction } from "@/components/privacy/types";

/**
 * The form's working copy. Number and list fields stay text while typed, so a half-typed value is
 * not lost ("" for the maximum retention and the data regions means "any").
 */
type TDraft = {
  promptLogging: boolean;
  allowTrainingPaid: boolean;
  allowTrainingFree: boolean;
  zdrOnly: boolean;
  ignoredProviders: string[];
  allowedDataRegions: string;
  maxRetentionDays: string;
  maxPolicyAgeDays: string;
  contentRetentionDays: string;
  metadataRetentionDays: string;
};
type TField = keyof TDraft;

const FIELDS: TField[] = [
  "promptLogging",
  "contentRetentionDays",
  "allowTrainingPaid",
  "allowTrainingFree",
  "zdrOnly",
  "ignoredProviders",
  "allowedDataRegions",
  "maxRetentionDays",
  "maxPolicyAgeDays",
  "metadataRetentionDays",
];

/** The element to focus when a field has an error; also the anchors other pages link to (/settings/privacy#train-free). */
const FIELD_IDS: Record<TField, string> = {
  promptLogging: "prompt-logging",
  contentRetentionDays: "content-retention",
  allowTrainingPaid: "train-paid",
  allowTrainingFree: "train-free",
  zdrOnly: "zdr-only",
  ignoredProviders: "ignored-providers",
  allowedDataRegions: "data-regions",
  maxRetentionDays: "max-retention",
  maxPolicyAgeDays: "max-policy-age",
  metadataRetentionDays: "metadata-retention",
};

function toDraft(s: TPrivacySettingsView): TDraft {
  return {
    promptLogging: s.promptLogging,
    allowTrainingPaid: s.allowTrainingPaid,
    allowTrainingFree: s.allowTrainingFree,
    zdrOnly: s.zdrOnly,
    ignoredProviders: [...s.ignoredProviders],
    allowedDataRegions: (s.allowedDataRegions ?? []).join(", "),
    maxRetentionDays: s.maxRetentionDays === null ? "" : String(s.maxRetentionDays),
    maxPolicyAgeDays: s.maxPolicyAgeDays === null ? "" : String(s.maxPolicyAgeDays),
    contentRetentionDays: String(s.contentRetentionDays),
    metadataRetentionDays: String(s.metadataRetentionDays),
  };
}

function isSameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((slug) => b.includes(slug));
}

/** "eu, us" → ["EU", "US"]: the regions as typed (checked by the server's schema), "" → none. */
function parseRegions(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .filter((part) => part.length > 0)
        .map((part) => part.toUpperCase()),
    ),
  ];
}

/** The maximum retention as typed: null for "any" (empty), NaN when it is not a number. */
function parseMaxRetention(text: string): number | null {
  const raw = text.trim();
  return raw === "" ? null : Number(raw);
}

function isChanged(field: TField, draft: TDraft, saved: TPrivacySettingsView): boolean {
  if (field === "ignoredProviders") return !isSameSet(draft.ignoredProviders, saved.ignoredProviders);
  if (field === "allowedDataRegions")
    return !isSameSet(parseRegions(draft.allowedDataRegions), saved.allowedDataRegions ?? []);
  if (field === "maxRetentionDays" || field === "maxPolicyAgeDays")
    return draft[field].trim() !== String(saved[field] ?? "");
  if (field === "contentRetentionDays" || field === "metadataRetentionDays")
    return draft[field].trim() !== String(saved[field]);
  return draft[field] !== saved[field];
}

/** The changed fields only, so a save never overwrites a setting this form did not touch. */
function buildPatch(
  draft: TDraft,
  saved: TPrivacySettingsView,
): { patch: TSettingsPatch; errors: Partial<Record<TField, string>> } {
  const patch: TSettingsPatch = {};
  const errors: Partial<Record<TField, string>> = {};
  for (const field of FIELDS) {
    if (!isChanged(field, draft, saved)) continue;
    if (field === "contentRetentionDays" || field === "metadataRetentionDays") {
      const raw = draft[field].trim();
      const days = raw === "" ? Number.NaN : Number(raw);
      // Range and whole-number checks are the server's (one schema); only "not a number" is caught here.
      if (!Number.isFinite(days)) errors[field] = "Enter a number of days.";
      else patch[field] = days;
    } else if (field === "ignoredProviders") {
      patch.ignoredProviders = [...draft.ignoredProviders];
    } else if (field === "allowedDataRegions") {
      patch.allowedDataRegions = parseRegions(draft.allowedDataRegions);
    } else if (field === "maxRetentionDays" || field === "maxPolicyAgeDays") {
      const days = parseMaxRetention(draft[field]);
      if (days !== null && !Number.isFinite(days)) errors[field] = "Enter a number of days, or leave it empty.";
      else patch[field] = days;
    } else {
      patch[field] = draft[field];
    }
  }
  return { patch, errors };
}

function RetentionField({
  id,
  label,
  hint,
  value,
  min,
  max,
  placeholder,
  error,
  isChanged: isFieldChanged,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  min: number;
  max: number;
  placeholder?: string;
  error?: string;
  isChanged: boolean;
  onChange: (value: string) => void;
}) {
  const describedBy = error ? `${id}-error` : `${id}-hint`;
  return (
    <div className="flex flex-col gap-2 py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-2">
        <Label htmlFor={id}>{label}</Label>
        {isFieldChanged ? <ChangedMark /> : null}
      </div>
      <div className="flex items-center gap-2">
        <div className="w-28">
          <Input
            id={id}
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            placeholder={placeholder}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
        </div>
        <span className="text-sm text-muted-foreground" aria-hidden="true">
          days
        </span>
      </div>
      {error ? (
        <FieldError id={`${id}-error`} message={error} />
      ) : (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
    </div>
  );
}

/** Allowed data regions: country codes or EU, typed as a list. */
function RegionsField({
  id,
  hint,
  value,
  error,
  isChanged: isFieldChanged,
  onChange,
}: {
  id: string;
  hint: string;
  value: string;
  error?: string;
  isChanged: boolean;
  onChange: (value: string) => void;
}) {
  const describedBy = error ? `${id}-error` : `${id}-hint`;
  return (
    <div className="flex flex-col gap-2 py-4 first:pt-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-2">
        <Label htmlFor={id}>Allowed data regions</Label>
        {isFieldChanged ? <ChangedMark /> : null}
      </div>
      <div className="max-w-xs">
        <Input
          id={id}
          type="text"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder="Any region"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      </div>
      {error ? (
        <FieldError id={`${id}-error`} message={error} />
      ) : (
        <p id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
    </div>
  );
}

const LEAVE_WARNING = "Your privacy settings have unsaved changes. Leave this page and lose them?";

const LOCKED = "the admin of this Privet requires it (instance policy). You can only make your settings stricter.";

/** What the instance policy requires of every account, above the switches it locks. */
function InstanceFloorNote({ floor }: { floor: TPrivacySettingsPage["floor"] }) {
  return (
    <div className="pb-4">
      <div
        role="note"
        aria-label="Instance policy"
        className="flex flex-col gap-1.5 rounded-lg border border-brand/30 bg-brand-soft px-4 py-3 text-sm"
      >
        <p className="font-medium">This Privet&apos;s instance policy applies to every account</p>
        <p className="text-muted-foreground">
          Its admin set restrictions that apply under your own settings; locked switches show them. Your settings can
          only add to them.
        </p>
        {floor.ignoredProviders.length > 0 ? (
          <p>
            Providers ignored for everyone: <span className="font-mono">{floor.ignoredProviders.join(", ")}</span>
          </p>
        ) : null}
        {floor.allowedDataRegions !== null ? (
          <p>
            Data regions allowed: <span className="font-mono">{floor.allowedDataRegions.join(", ")}</span>
          </p>
        ) : null}
        {floor.maxRetentionDays !== null ? (
          <p>
            Maximum retention: {floor.maxRetentionDays} day{floor.maxRetentionDays === 1 ? "" : "s"}
          </p>
        ) : null}
        {floor.maxPolicyAgeDays !== null ? (
          <p>
            Provider policies not checked in the last {floor.maxPolicyAgeDays} day
            {floor.maxPolicyAgeDays === 1 ? "" : "s"} are treated as unknown
          </p>
        ) : null}
        {floor.allowedModels !== null ? (
          <p>
            Models allowed: {floor.allowedModels.length === 0 ? "none" : null}
            <span className="font-mono">{floor.allowedModels.join(", ")}</span>
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The privacy settings: edit, see the effect in the live preview, save once. The preview runs the
 * router's own policy code on the catalog in the browser, so it follows every change instantly.
 */
export function PrivacySettingsForm({
  initial,
  updateAction,
  deleteAction,
}: {
  initial: TPrivacySettingsPage;
  updateAction: TUpdatePrivacySettingsAction;
  deleteAction: TDeleteLoggedContentAction;
}) {
  const [saved, setSaved] = useState(initial.settings);
  const [draft, setDraft] = useState(() => toDraft(initial.settings));
  const [errors, setErrors] = useState<Partial<Record<TField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [loggedCount, setLoggedCount] = useState(initial.loggedContentCount);
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const [isPending, startTransition] = useTransition();
  // The field to focus once the form is enabled again (it is disabled while a save is pending).
  const focusAfterSave = useRef<TField | null>(null);

  const models = useMemo(() => fromPreviewCatalog(initial.catalog), [initial.catalog]);
  const { allowTrainingPaid, allowTrainingFree, zdrOnly, ignoredProviders } = draft;
  const floor = initial.floor;
  // The limits as typed; a half-typed retention that is not a number keeps the saved one.
  const regionsText = draft.allowedDataRegions;
  const typedRetention = parseMaxRetention(draft.maxRetentionDays);
  const maxRetentionDays =
    typedRetention === null || Number.isFinite(typedRetention) ? typedRetention : saved.maxRetentionDays;
  const typedPolicyAge = parseMaxRetention(draft.maxPolicyAgeDays);
  const maxPolicyAgeDays =
    typedPolicyAge === null || Number.isFinite(typedPolicyAge) ? typedPolicyAge : saved.maxPolicyAgeDays;
  const now = initial.now;
  // The preview shows what routing will do: the settings under the instance floor.
  const preview = useMemo(() => {
    const regions = parseRegions(regionsText);
    return buildPrivacyPreview(
      models,
      applyPolicyFloor(floor, {
        allowTrainingPaid,
        allowTrainingFree,
        zdrOnly,
        ignoredProviders,
        allowedDataRegions: regions.length === 0 ? null : regions,
        maxRetentionDays,
        maxPolicyAgeDays,
      }),
      now,
    );
  }, [
    models,
    floor,
    allowTrainingPaid,
    allowTrainingFree,
    zdrOnly,
    ignoredProviders,
    regionsText,
    maxRetentionDays,
    maxPolicyAgeDays,
    now,
  ]);
  const changed = FIELDS.filter((field) => isChanged(field, draft, saved));
  const isDirty = changed.length > 0;

  // Leaving with unsaved changes asks first. Reloading, closing the tab or leaving the site: the
  // browser's own confirmation. Following a link inside Privet (a client-side navigation, which
  // fires no beforeunload): a confirmation here, caught before the link's own handler runs.
  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self")) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin || url.pathname === window.location.pathname) return;
      if (window.confirm(LEAVE_WARNING)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [isDirty]);

  useEffect(() => {
    if (isPending || !focusAfterSave.current) return;
    document.getElementById(FIELD_IDS[focusAfterSave.current])?.focus();
    focusAfterSave.current = null;
  }, [isPending, errors]);

  function set<K extends TField>(field: K, value: TDraft[K]) {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
    setFormError(null);
  }

  function showErrors(next: Partial<Record<TField, string>>, fallback: string | null) {
    setErrors(next);
    const first = FIELDS.find((field) => next[field]);
    setFormError(first ? "Nothing was saved. Fix the marked field and save again." : fallback);
    focusAfterSave.current = first ?? null;
  }

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { patch, errors: localErrors } = buildPatch(draft, saved);
    if (Object.keys(localErrors).length > 0) {
      showErrors(localErrors, null);
      return;
    }
    if (Object.keys(patch).length === 0) return;
    startTransition(async () => {
      const result = await updateAction(patch);
      if (!result.ok) {
        // Keys are paths ("ignoredProviders.3"); the field is their first part.
        const fieldErrors: Partial<Record<TField, string>> = {};
        for (const [path, message] of Object.entries(result.fieldErrors ?? {})) {
          const field = path.split(".")[0] as TField;
          if (field in FIELD_IDS) fieldErrors[field] ??= message;
        }
        showErrors(fieldErrors, result.error);
        return;
      }
      setSaved(result.data.settings);
      setDraft(toDraft(result.data.settings));
      setErrors({});
      setFormError(null);
      toast.success("Privacy settings saved. They apply from your next request.");
      const count = result.data.loggedContentCount;
      if (count !== null) {
        setLoggedCount(count);
        if (count > 0) setIsDeleteOpen(true);
      }
    });
  }

  function onDiscard() {
    setDraft(toDraft(saved));
    setErrors({});
    setFormError(null);
  }

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_19rem] xl:items-start">
      <form onSubmit={onSave} noValidate aria-label="Privacy settings" className="flex min-w-0 flex-col gap-6">
        <fieldset disabled={isPending} className="flex min-w-0 flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle as="h3" className="text-base">
                Logging
              </CardTitle>
              <CardDescription>Whether Privet keeps the text of your requests, and for how long.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col divide-y">
              <SettingSwitch
                id={FIELD_IDS.promptLogging}
                label="Prompt logging"
                description="Store my prompts and completions, encrypted, so I can read them in Activity; off by default."
                checked={draft.promptLogging}
                onCheckedChange={(value) => set("promptLogging", value)}
                isChanged={changed.includes("promptLogging")}
              />
              <RetentionField
                id={FIELD_IDS.contentRetentionDays}
                label="Content retention"
                hint="Logged prompts and completions are deleted this many days after they were logged (1 to 365)."
                value={draft.contentRetentionDays}
                min={1}
                max={365}
                error={errors.contentRetentionDays}
                isChanged={changed.includes("contentRetentionDays")}
                onChange={(value) => set("contentRetentionDays", value)}
              />
              {!saved.promptLogging && loggedCount > 0 ? (
                <div className="py-4 last:pb-0">
                  <div className="flex flex-col gap-3 rounded-lg border border-warning/30 bg-warning-soft px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
                    <p>
                      {loggedCount} item{loggedCount === 1 ? "" : "s"} logged earlier {loggedCount === 1 ? "is" : "are"}{" "}
                      still stored until {loggedCount === 1 ? "its" : "their"} retention ends.
                    </p>
                    <Button variant="outline" size="sm" onClick={() => setIsDeleteOpen(true)}>
                      Delete them now
                    </Button>
                  </div>
                </div>
              ) : null}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle as="h3" className="text-base">
                Providers
              </CardTitle>
              <CardDescription>
                Which providers may receive your requests. These apply to the API and to chat, and a request can only
                make them stricter.
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col divide-y">
              {hasFloor(floor) ? <InstanceFloorNote floor={floor} /> : null}
              <SettingSwitch
                id={FIELD_IDS.allowTrainingPaid}
                label="Paid models: allow providers that may train on my data"
                description={
                  floor.noTrainingPaid
                    ? `Off for every account: ${LOCKED}`
                    : "Let paid models use providers whose policy allows training on prompts, or does not say."
                }
                checked={floor.noTrainingPaid ? false : draft.allowTrainingPaid}
                disabled={floor.noTrainingPaid}
                onCheckedChange={(value) => set("allowTrainingPaid", value)}
                isChanged={!floor.noTrainingPaid && changed.includes("allowTrainingPaid")}
              />
              <SettingSwitch
                id={FIELD_IDS.allowTrainingFree}
                label="Free models: allow providers that may train on my data"
                description={
                  floor.noTrainingFree
                    ? `Off for every account: ${LOCKED}`
                    : "Let free models use providers whose policy allows training on prompts, or does not say."
                }
                checked={floor.noTrainingFree ? false : draft.allowTrainingFree}
                disabled={floor.noTrainingFree}
                onCheckedChange={(value) => set("allowTrainingFree", value)}
                isChanged={!floor.noTrainingFree && changed.includes("allowTrainingFree")}
              />
              <SettingSwitch
                id={FIELD_IDS.zdrOnly}
                label="Zero data retention only"
                description={
                  floor.zdrOnly
                    ? `On for every account: ${LOCKED}`
                    : "Use only providers that keep nothing and never train, for every request."
                }
                checked={floor.zdrOnly ? true : draft.zdrOnly}
                disabled={floor.zdrOnly}
                onCheckedChange={(value) => set("zdrOnly", value)}
                isChanged={!floor.zdrOnly && changed.includes("zdrOnly")}
              />
              <div id={FIELD_IDS.ignoredProviders} tabIndex={-1} className="outline-none">
                <IgnoredProvidersPicker
                  providers={initial.catalog.providers}
                  value={draft.ignoredProviders}
                  onChange={(slugs) => set("ignoredProviders", slugs)}
                  error={errors.ignoredProviders}
                  isChanged={changed.includes("ignoredProviders")}
                />
              </div>
              <RegionsField
                id={FIELD_IDS.allowedDataRegions}
                hint={
                  floor.allowedDataRegions !== null
                    ? `Only providers that process prompts in ${floor.allowedDataRegions.join(", ")}: ${LOCKED} List country codes or EU (for example DE, FR) to narrow it further.`
                    : "Only providers that process prompts in these places: two-letter country codes or EU, separated by commas (for example EU, CH). Providers whose region is unknown are left out. Empty allows any region."
                }
                value={draft.allowedDataRegions}
                error={errors.allowedDataRegions}
                isChanged={changed.includes("allowedDataRegions")}
                onChange={(value) => set("allowedDataRegions", value)}
              />
              <RetentionField
                id={FIELD_IDS.maxRetentionDays}
                label="Maximum retention"
                hint={
                  floor.maxRetentionDays !== null
                    ? `At most ${floor.maxRetentionDays} day${floor.maxRetentionDays === 1 ? "" : "s"}: ${LOCKED}`
                    : "Leave out providers that keep prompts longer than this many days, or for a period they do not state (0 to 3650). Providers that keep nothing always pass. Empty allows any retention."
                }
                value={draft.maxRetentionDays}
                min={0}
                max={floor.maxRetentionDays ?? 3650}
                placeholder="Any"
                error={errors.maxRetentionDays}
                isChanged={changed.includes("maxRetentionDays")}
                onChange={(value) => set("maxRetentionDays", value)}
              />
              <RetentionField
                id={FIELD_IDS.maxPolicyAgeDays}
                label="Maximum policy age"
                hint={
                  floor.maxPolicyAgeDays !== null
                    ? `Policies not checked in the last ${floor.maxPolicyAgeDays} day${floor.maxPolicyAgeDays === 1 ? "" : "s"} count as unknown: ${LOCKED}`
                    : "Treat a provider's policy as unknown when Privet's catalog last checked it more than this many days ago (1 to 3650): unknown training, retention and ZDR then fail the safe side. Empty trusts policies of any age."
                }
                value={draft.maxPolicyAgeDays}
                min={1}
                max={floor.maxPolicyAgeDays ?? 3650}
                placeholder="Any"
                error={errors.maxPolicyAgeDays}
                isChanged={changed.includes("maxPolicyAgeDays")}
                onChange={(value) => set("maxPolicyAgeDays", value)}
              />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle as="h3" className="text-base">
                Activity records
              </CardTitle>
              <CardDescription>
                The metadata kept for every request, so you can see your usage and costs.
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col">
              <RetentionField
                id={FIELD_IDS.metadataRetentionDays}
                label="Metadata retention"
                hint="Records of your requests (model, provider, tokens, cost; never their text) are deleted after this many days (30 to 3650)."
                value={draft.metadataRetentionDays}
                min={30}
                max={3650}
                error={errors.metadataRetentionDays}
                isChanged={changed.includes("metadataRetentionDays")}
                onChange={(value) => set("metadataRetentionDays", value)}
              />
            </CardContent>
          </Card>
        </fieldset>

        <div className="sticky bottom-3 z-10 flex flex-col gap-3 rounded-xl border bg-card/95 p-4 shadow-lg backdrop-blur supports-[backdrop-filter]:bg-card/85">
          <FormError message={formError} />
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="flex min-w-0 flex-col gap-1">
              <p role="status" className="flex flex-wrap items-center gap-2 text-sm">
                {isDirty ? (
                  <>
                    <Badge tone="warning">Unsaved changes</Badge>
                    <span className="text-muted-foreground">
                      {changed.length} setting{changed.length === 1 ? "" : "s"} changed
                    </span>
                  </>
                ) : (
                  <span className="text-muted-foreground">All changes saved.</span>
                )}
              </p>
              <p className="text-xs text-muted-foreground xl:hidden">
                Leaves {preview.paid.providers} of {preview.paid.totalProviders} providers for paid models and{" "}
                {preview.free.providers} of {preview.free.totalProviders} for free models.
              </p>
            </div>
            <div className="flex gap-2">
              <Button
                variant="outline"
                onClick={onDiscard}
                disabled={!isDirty || isPending}
                className="flex-1 sm:flex-none"
              >
                Discard
              </Button>
              <Button type="submit" isPending={isPending} disabled={!isDirty} className="flex-1 sm:flex-none">
                {isPending ? "Saving…" : "Save changes"}
              </Button>
            </div>
          </div>
        </div>
      </form>

      {/* Beside the form on wide screens, below the sticky site header (4rem), scrolling on its own
          when the catalog is long. */}
      <div className="flex min-w-0 flex-col gap-6 xl:sticky xl:top-22 xl:max-h-[calc(100dvh-7rem)] xl:overflow-y-auto xl:rounded-xl">
        <PolicyPreview preview={preview} isDirty={isDirty} />
      </div>

      <DeleteLoggedContentDialog
        open={isDeleteOpen}
        onOpenChange={setIsDeleteOpen}
        count={loggedCount}
        contentRetentionDays={saved.contentRetentionDays}
        deleteAction={deleteAction}
        onDeleted={() => setLoggedCount(0)}
      />
    </div>
  );
}
