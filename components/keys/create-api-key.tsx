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
import type { TCreateApiKeyAction } from "@/components/keys/types";

/**
 * The create form and, right after a create, the one-time view of the new key. The plaintext
 * lives only in this component's state: a reload or "Done" drops it for good.
 */
export function CreateApiKey({ createAction }: { createAction: TCreateApiKeyAction }) {
  const [created, setCreated] = useState<TCreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    startTransition(async () => {
      const result = await createAction({ name });
      if (!result.ok) {
        setError(result.fieldErrors?.name ?? result.error);
        inputRef.current?.focus();
        return;
      }
      setError(null);
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
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
