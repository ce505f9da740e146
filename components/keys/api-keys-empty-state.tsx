import { KeyRound } from "lucide-react";
import { KeyUsageExample } from "@/components/keys/key-usage-example";

export function ApiKeysEmptyState({ baseUrl, exampleModel }: { baseUrl: string; exampleModel: string }) {
  return (
    <div className="flex flex-col gap-5 rounded-xl border border-dashed p-5 sm:p-8">
      <div className="flex items-start gap-4">
        <span className="grid size-10 shrink-0 place-items-center rounded-lg bg-brand-soft text-brand">
          <KeyRound className="size-5" aria-hidden="true" />
        </span>
        <div className="flex flex-col gap-1">
          <h3 className="font-semibold">No API keys yet</h3>
          <p className="max-w-xl text-sm text-muted-foreground">
            A key lets a script, an app or any OpenAI-compatible client call Privet as you. Your privacy settings apply
            to every request made with it, and you can revoke it at any time.
          </p>
        </div>
      </div>
      <KeyUsageExample baseUrl={baseUrl} exampleModel={exampleModel} />
    </div>
  );
}
