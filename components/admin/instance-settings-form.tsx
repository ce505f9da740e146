"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import type { TPolicyFloor } from "@/lib/policy/floor";
import { SIGNUP_MODES, type TSignupMode } from "@/lib/instance/signup-modes";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError, FormError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { IgnoredProvidersPicker, type TPickerProvider } from "@/components/privacy/ignored-providers-picker";
import { SettingSwitch } from "@/components/privacy/setting-switch";
import type { TUpdatePolicyFloorAction, TUpdateSignupModeAction } from "@/components/admin/types";

const MODE_TEXT: Record<TSignupMode, { label: string; description: string }> = {
  open: { label: "Open", description: "Anyone who can reach this Privet can make an account." },
  invite: { label: "Invite only", description: "Only with a single-use link an admin made (Invitations)." },
  closed: { label: "Closed", description: "Nobody can sign up; admins add accounts with the CLI." },
};

/** Sign-up mode: a radio group that saves on its own button. */
export function SignupModeForm({
  mode,
  isDefault,
  defaultMode,
  updateAction,
}: {
  mode: TSignupMode;
  isDefault: boolean;
  defaultMode: TSignupMode;
  updateAction: TUpdateSignupModeAction;
}) {
  const [value, setValue] = useState(mode);
  const [saved, setSaved] = useState(mode);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateAction({ mode: value });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setSaved(result.data.signupMode);
      toast.success(`Sign-up is now ${MODE_TEXT[result.data.signupMode].label.toLowerCase()}.`);
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3" className="text-base">
          Sign-up
        </CardTitle>
        <CardDescription>
          Who may make an account.{" "}
          {isDefault && saved === mode
            ? `Not chosen yet: ${MODE_TEXT[defaultMode].label.toLowerCase()} is the default for the address Privet listens on.`
            : null}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} className="flex flex-col gap-4">
          <fieldset disabled={isPending} className="flex flex-col gap-3">
            <legend className="sr-only">Sign-up mode</legend>
            {SIGNUP_MODES.map((m) => (
              <div key={m} className="flex items-start gap-3">
                <input
                  type="radio"
                  id={`signup-${m}`}
                  name="signup-mode"
                  value={m}
                  checked={value === m}
                  onChange={() => setValue(m)}
                  className="mt-1 size-4 accent-brand"
                  aria-describedby={`signup-${m}-description`}
                />
                <div className="flex flex-col gap-0.5">
                  <Label htmlFor={`signup-${m}`}>{MODE_TEXT[m].label}</Label>
                  <p id={`signup-${m}-description`} className="text-sm text-muted-foreground">
                    {MODE_TEXT[m].description}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
          <FormError message={error} />
          <div>
            <Button type="submit" isPending={isPending} disabled={value === saved}>
              {isPending ? "Saving…" : "Save sign-up mode"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

/** The instance policy floor: what every account's requests must respect, under its own settings. */
export function PolicyFloorForm({
  floor,
  providers,
  updateAction,
}: {
  floor: TPolicyFloor;
  providers: TPickerProvider[];
  updateAction: TUpdatePolicyFloorAction;
}) {
  const [draft, setDraft] = useState(floor);
  const [modelsText, setModelsText] = useState((floor.allowedModels ?? []).join("\n"));
  const [isAllowList, setIsAllowList] = useState(floor.allowedModels !== null);
  const [regionsText, setRegionsText] = useState((floor.allowedDataRegions ?? []).join(", "));
  const [retentionText, setRetentionText] = useState(
    floor.maxRetentionDays === null ? "" : String(floor.maxRetentionDays),
  );
  const [policyAgeText, setPolicyAgeText] = useState(
    floor.maxPolicyAgeDays === null ? "" : String(floor.maxPolicyAgeDays),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  // Errors are keyed by path ("allowedDataRegions.1"): a field shows the first under its name.
  const errorFor = (field: string) =>
    Object.entries(fieldErrors).find(([path]) => path === field || path.startsWith(`${field}.`))?.[1];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const split = (text: string) =>
      text
        .split(/[\s,]+/)
        .map((m) => m.trim())
        .filter(Boolean);
    const models = split(modelsText);
    const regions = split(regionsText).map((region) => region.toUpperCase());
    const retention = retentionText.trim() === "" ? null : Number(retentionText.trim());
    const policyAge = policyAgeText.trim() === "" ? null : Number(policyAgeText.trim());
    if (retention !== null && !Number.isFinite(retention)) {
      setFieldErrors({ maxRetentionDays: "Enter a number of days, or leave it empty." });
      setError("Nothing was saved. Fix the marked field and save again.");
      return;
    }
    if (policyAge !== null && !Number.isFinite(policyAge)) {
      setFieldErrors({ maxPolicyAgeDays: "Enter a number of days, or leave it empty." });
      setError("Nothing was saved. Fix the marked field and save again.");
      return;
    }
    startTransition(async () => {
      const result = await updateAction({
        ...draft,
        allowedModels: isAllowList ? models : null,
        allowedDataRegions: regions.length === 0 ? null : regions,
        maxRetentionDays: retention,
        maxPolicyAgeDays: policyAge,
      });
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setError(null);
      setFieldErrors({});
      setDraft(result.data);
      setRegionsText((result.data.allowedDataRegions ?? []).join(", "));
      setRetentionText(result.data.maxRetentionDays === null ? "" : String(result.data.maxRetentionDays));
      setPolicyAgeText(result.data.maxPolicyAgeDays === null ? "" : String(result.data.maxPolicyAgeDays));
      toast.success("Instance policy saved. It applies to every account's next request.");
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3" className="text-base">
          Instance policy
        </CardTitle>
        <CardDescription>
          Required of every account, from its next request. Accounts see these as locked settings and can only make
          their own stricter; a request can only narrow further.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <fieldset disabled={isPending} className="flex flex-col divide-y">
            <legend className="sr-only">Instance policy</legend>
            <SettingSwitch
              id="floor-no-train-paid"
              label="Paid models: no providers that may train on prompts"
              description="For every account, paid models use only providers that do not train (unknown counts as training)."
              checked={draft.noTrainingPaid}
              onCheckedChange={(v) => setDraft({ ...draft, noTrainingPaid: v })}
            />
            <SettingSwitch
              id="floor-no-train-free"
              label="Free models: no providers that may train on prompts"
              description="The same for free models."
              checked={draft.noTrainingFree}
              onCheckedChange={(v) => setDraft({ ...draft, noTrainingFree: v })}
            />
            <SettingSwitch
              id="floor-zdr"
              label="Zero data retention only"
              description="Every account uses only providers that keep nothing and never train."
              checked={draft.zdrOnly}
              onCheckedChange={(v) => setDraft({ ...draft, zdrOnly: v })}
            />
            <IgnoredProvidersPicker
              providers={providers}
              value={draft.ignoredProviders}
              onChange={(slugs) => setDraft({ ...draft, ignoredProviders: slugs })}
              error={fieldErrors.ignoredProviders}
              isChanged={false}
            />
            <div className="flex flex-col gap-1.5 py-4">
              <Label htmlFor="floor-regions">Allowed data regions</Label>
              <div className="max-w-xs">
                <Input
                  id="floor-regions"
                  value={regionsText}
                  onChange={(e) => setRegionsText(e.target.value)}
                  placeholder="Any region"
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={errorFor("allowedDataRegions") ? true : undefined}
                  aria-describedby={errorFor("allowedDataRegions") ? "floor-regions-error" : "floor-regions-hint"}
                />
              </div>
              {errorFor("allowedDataRegions") ? (
                <FieldError id="floor-regions-error" message={errorFor("allowedDataRegions")} />
              ) : (
                <p id="floor-regions-hint" className="text-sm text-muted-foreground">
                  Every account uses only providers that process prompts in these places: two-letter country codes or
                  EU, separated by commas (for example EU, CH). Unknown regions are left out. Empty allows any region.
                </p>
              )}
            </div>
            <div className="flex flex-col gap-1.5 py-4">
              <Label htmlFor="floor-max-retention">Maximum retention</Label>
              <div className="flex items-center gap-2">
                <div className="w-28">
                  <Input
                    id="floor-max-retention"
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={3650}
                    step={1}
                    placeholder="Any"
                    value={retentionText}
                    onChange={(e) => setRetentionText(e.target.value)}
                    aria-invalid={errorFor("maxRetentionDays") ? true : undefined}
                    aria-describedby={
                      errorFor("maxRetentionDays") ? "floor-max-retention-error" : "floor-max-retention-hint"
                    }
                  />
                </div>
                <span className="text-sm text-muted-foreground" aria-hidden="true">
                  days
                </span>
              </div>
              {errorFor("maxRetentionDays") ? (
                <FieldError id="floor-max-retention-error" message={errorFor("maxRetentionDays")} />
              ) : (
                <p id="floor-max-retention-hint" className="text-sm text-muted-foreground">
                  Every account leaves out providers that keep prompts longer than this, or for a period they do not
                  state (0 to 3650). Providers that keep nothing always pass. Empty allows any retention.
                </p>
              )}
            </div>
            <div className="flex flex-col gap-1.5 py-4">
              <Label htmlFor="floor-max-policy-age">Maximum policy age</Label>
              <div className="flex items-center gap-2">
                <div className="w-28">
                  <Input
                    id="floor-max-policy-age"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={3650}
                    step={1}
                    placeholder="Any"
                    value={policyAgeText}
                    onChange={(e) => setPolicyAgeText(e.target.value)}
                    aria-invalid={errorFor("maxPolicyAgeDays") ? true : undefined}
                    aria-describedby={
                      errorFor("maxPolicyAgeDays") ? "floor-max-policy-age-error" : "floor-max-policy-age-hint"
                    }
                  />
                </div>
                <span className="text-sm text-muted-foreground" aria-hidden="true">
                  days
                </span>
              </div>
              {errorFor("maxPolicyAgeDays") ? (
                <FieldError id="floor-max-policy-age-error" message={errorFor("maxPolicyAgeDays")} />
              ) : (
                <p id="floor-max-policy-age-hint" className="text-sm text-muted-foreground">
                  For every account, a provider&apos;s policy that the catalog last checked more than this many days ago
                  counts as unknown (1 to 3650): unknown training, retention and ZDR then fail the safe side. Empty
                  trusts policies of any age.
                </p>
              )}
            </div>
            <div className="flex flex-col gap-3 py-4 last:pb-0">
              <SettingSwitch
                id="floor-allow-list"
                label="Allow only some models"
                description="Requests for any other model are refused (403), fallbacks in `models` included."
                checked={isAllowList}
                onCheckedChange={setIsAllowList}
              />
              {isAllowList ? (
                <div className="flex flex-col gap-1.5">
                  <Label htmlFor="floor-models">Allowed model ids, one per line</Label>
                  <textarea
                    id="floor-models"
                    value={modelsText}
                    onChange={(e) => setModelsText(e.target.value)}
                    rows={5}
                    spellCheck={false}
                    aria-invalid={fieldErrors.allowedModels ? true : undefined}
                    aria-describedby={fieldErrors.allowedModels ? "floor-models-error" : undefined}
                    className="rounded-md border bg-background px-3 py-2 font-mono text-sm"
                  />
                  <FieldError id="floor-models-error" message={fieldErrors.allowedModels} />
                </div>
              ) : null}
            </div>
          </fieldset>
          <FormError message={error} />
          <div>
            <Button type="submit" isPending={isPending}>
              {isPending ? "Saving…" : "Save instance policy"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
