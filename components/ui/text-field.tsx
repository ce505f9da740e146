import type { ComponentProps, ReactNode } from "react";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type TTextFieldProps = Omit<ComponentProps<"input">, "id"> & {
  id: string;
  label: string;
  error?: string | null;
  /** Help shown under the field until there is an error to show instead. */
  hint?: ReactNode;
  /** Ids of other elements that describe this field, e.g. a form-level error. */
  describedBy?: string;
};

/** A labelled input with its hint and error wired up through aria-describedby and aria-invalid. */
export function TextField({ id, label, error, hint, describedBy, ...inputProps }: TTextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedByIds = [error ? errorId : hint ? hintId : null, describedBy].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedByIds} {...inputProps} />
      {error ? (
        <FieldError id={errorId} message={error} />
      ) : hint ? (
        <p id={hintId} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
