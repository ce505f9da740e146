// API reference section. GET /activity: the account's daily usage.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { printActivity } from "@/lib/docs/api-examples";

export function ActivitySection({ apiBaseUrl }: Pick<TApiReferenceProps, "apiBaseUrl">) {
  return (
    <DocSection id="activity" title="GET /activity">
      <Prose>
        <p>
          Your account&apos;s requests over the last 30 days (UTC), grouped by day, model and provider, in
          OpenRouter&apos;s activity shape: {B("date")}, {B("model")} (also as {B("model_permaslug")}),{" "}
          {B("endpoint_id")} ({B("model@provider")}), {B("provider_name")}, {B("usage")} (USD),{" "}
          {B("byok_usage_inference")} (always 0), {B("requests")}, {B("prompt_tokens")}, {B("completion_tokens")} and{" "}
          {B("reasoning_tokens")} (the part of the completion tokens spent reasoning), plus Privet&apos;s{" "}
          {B("provider_slug")}. Requests no provider served have an empty provider name and endpoint id and a null{" "}
          {B("provider_slug")}. Add {B("date=YYYY-MM-DD")} for one of those days.
        </p>
      </Prose>
      <CodeBlock
        label="Request"
        code={`curl "${apiBaseUrl}/activity" \\\n  -H "Authorization: Bearer $PRIVET_API_KEY"`}
        isCopyable
      />
      <CodeBlock label="Response (shortened)" code={printActivity()} />
    </DocSection>
  );
}
