"use client";

import { useId, useState, type FormEvent } from "react";
import { HardDrive } from "lucide-react";
import { MAX_REPLY_TOKENS, MAX_TEMPERATURE, ZMaxTokens, ZSystemPrompt, ZTemperature } from "@/lib/chat/schemas";
import type { TConversationOptions } from "@/lib/chat/types";
import { formatInteger } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type TErrors = { systemPrompt?: string; temperature?: string; maxTokens?: string };

/** An empty box means "the model's default"; anything else must be a valid number. */
function parseNumber(text: string, schema: typeof ZTemperature | typeof ZMaxTokens) {
  if (text.trim() === "") return { value: undefined };
  const parsed = schema.safeParse(Number(text));
  return parsed.success ? { value: parsed.data } : { error: parsed.error.issues[0]!.message };
}

/**
 * The conversation's generation options: its system prompt, temperature and max tokens, sent with
 * every message. Checked here before they are saved; the send action checks them again. The
 * default system prompt for new chats is a setting of this browser (like the conversations, it is
 * never kept on the server).
 */
export function ConversationSettings({
  options,
  onChange,
  defaultSystemPrompt,
  onDefaultSystemPromptChange,
  onDone,
}: {
  options: TConversationOptions;
  onChange: (options: TConversationOptions) => void;
  defaultSystemPrompt: string;
  onDefaultSystemPromptChange: (text: string) => void;
  onDone: () => void;
}) {
  const id = useId();
  const [systemPrompt, setSystemPrompt] = useState(options.systemPrompt ?? "");
  const [temperature, setTemperature] = useState(options.temperature?.toString() ?? "");
  const [maxTokens, setMaxTokens] = useState(options.maxTokens?.toString() ?? "");
  const [errors, setErrors] = useState<TErrors>({});

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const prompt = ZSystemPrompt.safeParse(systemPrompt);
    const temp = parseNumber(temperature, ZTemperature);
    const tokens = parseNumber(maxTokens, ZMaxTokens);
    const next: TErrors = {
      systemPrompt: prompt.success ? undefined : prompt.error.issues[0]!.message,
      temperature: temp.error,
      maxTokens: tokens.error,
    };
    setErrors(next);
    if (next.systemPrompt || next.temperature || next.maxTokens) return;
    const rest: TConversationOptions = { ...options };
    delete rest.systemPrompt;
    delete rest.temperature;
    delete rest.maxTokens;
    onChange({
      ...rest,
      ...(systemPrompt.trim() ? { systemPrompt } : {}),
      ...(temp.value !== undefined ? { temperature: temp.value } : {}),
      ...(tokens.value !== undefined ? { maxTokens: tokens.value } : {}),
    });
    onDone();
  }

  const isDefault = systemPrompt.trim() !== "" && systemPrompt === defaultSystemPrompt;
  const describe = (field: keyof TErrors) => (errors[field] ? `${id}-${field}-error` : `${id}-${field}-hint`);

  return (
    <form
      aria-labelledby={`${id}-title`}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-4 rounded-xl border bg-card p-4 text-sm shadow-xs"
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Model settings for this conversation
      </h2>

      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-systemPrompt`}>System prompt</Label>
        <textarea
          id={`${id}-systemPrompt`}
          value={systemPrompt}
          onChange={(event) => setSystemPrompt(event.target.value)}
          rows={4}
          placeholder="e.g. Answer briefly, in plain English."
          aria-invalid={errors.systemPrompt ? true : undefined}
          aria-describedby={describe("systemPrompt")}
          className="max-h-60 min-h-20 w-full resize-y rounded-md border border-input bg-background px-3 py-2 text-base outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 sm:text-sm"
        />
        {errors.systemPrompt ? (
          <FieldError id={`${id}-systemPrompt-error`} message={errors.systemPrompt} />
        ) : (
          <p id={`${id}-systemPrompt-hint`} className="text-xs text-muted-foreground">
            Sent before your messages on every turn. Like the conversation, it stays in this browser.
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={isDefault || systemPrompt.trim() === ""}
            onClick={() => onDefaultSystemPromptChange(systemPrompt)}
          >
            <HardDrive className="size-4" aria-hidden="true" />
            {isDefault ? "The default for new chats" : "Use for new chats"}
          </Button>
          {defaultSystemPrompt ? (
            <Button type="button" variant="ghost" size="sm" onClick={() => onDefaultSystemPromptChange("")}>
              Clear the default
            </Button>
          ) : null}
        </div>
      </div>

      <div className="grid grid-cols-2 gap-3">
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-temperature`}>Temperature</Label>
          <Input
            id={`${id}-temperature`}
            inputMode="decimal"
            value={temperature}
            onChange={(event) => setTemperature(event.target.value)}
            placeholder="Model default"
            aria-invalid={errors.temperature ? true : undefined}
            aria-describedby={describe("temperature")}
          />
          {errors.temperature ? (
            <FieldError id={`${id}-temperature-error`} message={errors.temperature} />
          ) : (
            <p id={`${id}-temperature-hint`} className="text-xs text-muted-foreground">
              0 to {MAX_TEMPERATURE}; higher is more varied.
            </p>
          )}
        </div>
        <div className="flex flex-col gap-2">
          <Label htmlFor={`${id}-maxTokens`}>Max tokens</Label>
          <Input
            id={`${id}-maxTokens`}
            inputMode="numeric"
            value={maxTokens}
            onChange={(event) => setMaxTokens(event.target.value)}
            placeholder="Model default"
            aria-invalid={errors.maxTokens ? true : undefined}
            aria-describedby={describe("maxTokens")}
          />
          {errors.maxTokens ? (
            <FieldError id={`${id}-maxTokens-error`} message={errors.maxTokens} />
          ) : (
            <p id={`${id}-maxTokens-hint`} className="text-xs text-muted-foreground">
              The longest reply, 1 to {formatInteger(MAX_REPLY_TOKENS)}.
            </p>
          )}
        </div>
      </div>

      <div className="flex justify-end">
        <Button type="submit" size="sm">
          Apply
        </Button>
      </div>
    </form>
  );
}
