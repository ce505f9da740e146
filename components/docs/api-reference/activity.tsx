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
          Your account&apos;s requests over the last 30 days (UTC), grouped by day, model and provider: {B("date")},{" "}
          {B("model")}, {B("provider_name")}, {B("provider_slug")}, {B("usage")} (USD), {B("requests")},{" "}
          {B("prompt_tokens")} and {B("completion_tokens")}. Requests no provider served have a null provider. Add{" "}
          {B("date=YYYY-MM-DD")} for one of those days.
        </p>
      </Prose>
      <CodeBlock label="Request" code={`curl "${apiBaseUrl}/activity" \\\n  -H "Authorization: Bearer $PRIVET_API_KEY"`} isCopyable />
      <CodeBlock label="Response (shortened)" code={printActivity()} />
    </DocSection>
  );
}
