"use client";

import { useState, useTransition, type FormEvent } from "react";
import { toast } from "sonner";
import type { TAdminUserRow } from "@/lib/admin/users";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/field-error";
import { GuardrailFields, readGuardrailsForm } from "@/components/keys/guardrail-fields";
import { spendAgainstLimit } from "@/components/keys/guardrails-summary";
import type { TUpdateUserLimitsAction } from "@/components/admin/types";
import { useFocusFirstInvalid } from "@/components/ui/use-focus-first-invalid";

/**
 * Edits the limits an admin sets on an account (a spending limit with its reset, models, providers,
 * ZDR, requests per minute) in a dialog, with what the account spent against its limit.
 */
export function UserLimitsButton({
  user,
  updateLimits,
}: {
  user: Pick<TAdminUserRow, "id" | "email" | "limits">;
  updateLimits: TUpdateUserLimitsAction;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [requireZdr, setRequireZdr] = useState(user.limits?.limits.requireZdr ?? false);
  const [isPending, startTransition] = useTransition();
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid();
  const usage = user.limits ? spendAgainstLimit(user.limits) : null;

  function onOpenChange(open: boolean) {
    if (isPending) return;
    setIsOpen(open);
    if (open) setRequireZdr(user.limits?.limits.requireZdr ?? false);
    else {
      setError(null);
      setFieldErrors({});
    }
  }

  function save(form: HTMLFormElement | null) {
    const guardrails = form ? readGuardrailsForm(form, requireZdr) : null;
    startTransition(async () => {
      const result = await updateLimits({
        userId: user.id,
        limits: guardrails
          ? {
              spendLimit: guardrails.spendLimit,
              limitReset: guardrails.limitReset,
              allowedModels: guardrails.allowedModels,
              allowedProviders: guardrails.allowedProviders,
              requireZdr: guardrails.requireZdr,
              rateLimitPerMinute: guardrails.rateLimitPerMinute,
            }
          : null,
      });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.fieldErrors ? null : result.error);
        focusFirstInvalid();
        return;
      }
      setIsOpen(false);
      toast.success(guardrails ? `Saved the limits of ${user.email}.` : `Removed every limit of ${user.email}.`);
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save(event.currentTarget);
  }

  return (
    <>
      <Button variant="outline" size="sm" onClick={() => onOpenChange(true)} aria-label={`Limits of ${user.email}`}>
        Limits
      </Button>
      <Dialog
        open={isOpen}
        onOpenChange={onOpenChange}
        title={`Limits of ${user.email}`}
        description={
          <p>
            Every request of the account — its API keys and its chat — must stay within them; its keys&apos; own
            guardrails can only narrow them. Changes apply within a second.
          </p>
        }
        className="sm:max-w-2xl"
      >
        <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
          {usage ? <p className="text-sm text-muted-foreground">{usage}.</p> : null}
          <GuardrailFields
            kind="account"
            initial={user.limits?.limits ?? null}
            requireZdr={requireZdr}
            onRequireZdrChange={setRequireZdr}
            errors={fieldErrors}
          />
          <FormError message={error} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="outline" onClick={() => onOpenChange(false)} disabled={isPending}>
              Cancel
            </Button>
            {user.limits ? (
              <Button variant="outline" onClick={() => save(null)} disabled={isPending}>
                Remove all limits
              </Button>
            ) : null}
            <Button type="submit" isPending={isPending}>
              {isPending ? "Saving…" : "Save limits"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
