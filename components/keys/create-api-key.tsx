"use client";

import { useRef, useState, useTransition, type FormEvent } from "react";
import { Plus } from "lucide-react";
import type { TCreatedApiKey } from "@/lib/keys/api-key-view";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NewKeyPanel } from "@/components/keys/new-key-panel";
import { GuardrailFields, readGuardrailsForm } from "@/components/keys/guardrail-fields";
import { CheckboxField } from "@/components/ui/checkbox-field";
import type { TCreateApiKeyAction } from "@/components/keys/types";

/**
 * The create form and, right after a create, the one-time view of the new key. The plaintext
 * lives only in this component's state: a reload or "Done" drops it for good.
 */
export function CreateApiKey({ createAction }: { createAction: TCreateApiKeyAction }) {
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [isManagement, setIsManagement] = useState(false);
  const [requireZdr, setRequireZdr] = useState(false);
  const [isPending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    const guardrails = readGuardrailsForm(form, requireZdr && !isManagement);
    startTransition(async () => {
      const result = await createAction({ name, isManagement, guardrails });
      if (!result.ok) {
        const errors = result.fieldErrors ?? {};
        const isNameError = errors.name !== undefined || Object.keys(errors).length === 0;
        setError(isNameError ? (errors.name ?? result.error) : null);
        setFieldErrors(errors);
        if (isNameError) inputRef.current?.focus();
        else form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
        return;
      }
      setError(null);
      setFieldErrors({});
      setIsManagement(false);
      setRequireZdr(false);
      form.reset();
      setCreated(result.data);
    });
  }

  return (
    <div className="flex flex-col gap-4">
      {created ? <NewKeyPanel key={created.apiKey.id} created={created} onDone={() => setCreated(null)} /> : null}
      <Card>
        <CardHeader className="pb-4 sm:pb-4">
          <CardTitle as="h3" className="text-base">
            Create a key
          </CardTitle>
          <CardDescription>Name it after where it will be used, so you know which one to revoke later.</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
            <Label htmlFor="api-key-name">Name</Label>
            <div className="flex flex-col gap-3 sm:flex-row">
              <Input
                ref={inputRef}
                id="api-key-name"
                name="name"
                placeholder="e.g. Laptop scripts"
                autoComplete="off"
                maxLength={64}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "api-key-name-error" : undefined}
                className="sm:max-w-sm"
              />
              <Button type="submit" isPending={isPending}>
                {isPending ? null : <Plus className="size-4" aria-hidden="true" />}
                {isPending ? "Creating…" : "Create key"}
              </Button>
            </div>
            <FieldError id="api-key-name-error" message={error} />
            <div className="mt-2">
              <CheckboxField
                label="Management key"
                hint="Creates and manages this account's keys through the key management API (/api/v1/keys); it cannot call models."
                isChecked={isManagement}
                onChange={setIsManagement}
              />
            </div>
            {isManagement ? null : (
              <details
                className="group mt-2 rounded-lg border px-4 py-3"
                open={Object.keys(fieldErrors).some((field) => field !== "name") || undefined}
              >
                <summary className="cursor-pointer text-sm font-medium">Guardrails (optional)</summary>
                <p className="mt-2 mb-4 text-sm text-muted-foreground">
                  Each one only narrows what the key may do, on top of your privacy settings.
                </p>
                <GuardrailFields
                  initial={null}
                  requireZdr={requireZdr}
                  onRequireZdrChange={setRequireZdr}
                  errors={fieldErrors}
                />
              </details>
            )}
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
