"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import type { TApiKeyView } from "@/lib/keys/api-key-view";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field-error";
import { GuardrailFields, readGuardrailsForm } from "@/components/keys/guardrail-fields";
import { CheckboxField } from "@/components/ui/checkbox-field";
import type { TUpdateGuardrailsAction } from "@/components/keys/types";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

/** Edits a key's guardrails in a dialog; the server action checks that the account owns the key. */
export function EditGuardrailsButton({
  apiKey,
  updateAction,
}: {
  apiKey: Pick<TApiKeyView, "id" | "name" | "guardrails" | "disabled">;
  updateAction: TUpdateGuardrailsAction;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [requireZdr, setRequireZdr] = useState(apiKey.guardrails.requireZdr);
  const [isDisabled, setIsDisabled] = useState(apiKey.disabled);
  const [isPending, startTransition] = useTransition();
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid();

  function onOpenChange(open: boolean) {
    if (isPending) return;
    setIsOpen(open);
    if (open) {
      setRequireZdr(apiKey.guardrails.requireZdr);
      setIsDisabled(apiKey.disabled);
    } else {
      setError(null);
      setFieldErrors({});
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const guardrails = readGuardrailsForm(form, requireZdr);
    startTransition(async () => {
      const result = await updateAction({ keyId: apiKey.id, guardrails, disabled: isDisabled });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.fieldErrors ? null : result.error);
        focusFirstInvalid();
        return;
      }
      setIsOpen(false);
      toast.success(`Saved the guardrails of “${result.data.name}”.`);
    });
  }

  return (
    <>
      <Button
        variant="outline"
        size="sm"
        onClick={() => onOpenChange(true)}
        aria-label={`Edit guardrails of ${apiKey.name}`}
      >
        Guardrails
      </Button>
      <Dialog
        open={isOpen}
        onOpenChange={onOpenChange}
        title={`Guardrails of “${apiKey.name}”`}
        description={<p>Each one only narrows what the key may do. Changes apply within a second.</p>}
        className="sm:max-w-2xl"
      >
        <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          <GuardrailFields
            initial={apiKey.guardrails}
            requireZdr={requireZdr}
            onRequireZdrChange={setRequireZdr}
            errors={fieldErrors}
          />
          <CheckboxField
            label="Turned off"
            hint="A turned-off key answers 401 until it is turned on again (the key management API can turn keys off)."
            isChecked={isDisabled}
            onChange={setIsDisabled}
          />
          <FormError message={error} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => onOpenChange(false)} disabled={isPending}>
              Cancel
            </Button>
            <Button type="submit" isPending={isPending}>
              {isPending ? "Saving…" : "Save guardrails"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
