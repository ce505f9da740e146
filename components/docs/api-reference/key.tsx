// API reference section. GET /key (and /auth/key) and GET /credits: the calling key and the account's spend.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B } from "@/components/docs/api-reference/shared";
import { creditsExample, DATA_OPEN, keyExample, printJson } from "@/lib/docs/api-examples";

export function KeySection() {
  return (
    <DocSection id="key" title="GET /key and GET /credits">
      <Prose>
        <p>
          {B("GET /key")} (also at {B("/auth/key")}, the older path) describes the calling key in OpenRouter&apos;s
          shape, with its name, prefix and creation time added. The prefix (the key&apos;s first characters) and a hash
          are all Privet keeps of a key. A self-hosted Privet sells no credits and sets no spending limits: {B("limit")}{" "}
          and {B("limit_remaining")} are {B("null")} (unlimited), and {B("usage")}, {B("usage_daily")},{" "}
          {B("usage_weekly")} and {B("usage_monthly")} are what this key&apos;s requests cost at the catalog&apos;s
          prices, in USD (days, weeks from Monday and months in UTC). {B("rate_limit")} is{" "}
          {B("PRIVET_RATE_LIMIT_PER_MINUTE")} ({B("-1")} requests when unlimited).
        </p>
        <p>
          {B("GET /credits")} answers in OpenRouter&apos;s shape for the whole account: {B("total_usage")} is what all
          of its requests cost (every key and the chat), and {B("total_credits")} is 0, since nothing is bought from
          Privet — the providers bill this install&apos;s operator.
        </p>
      </Prose>
      <CodeBlock label="GET /key response" code={printJson(keyExample, DATA_OPEN)} />
      <CodeBlock label="GET /credits response" code={printJson(creditsExample)} />
    </DocSection>
  );
}
