// API reference section. The provider object: per-request routing options.
import { Callout, DocSection, Prose, RefTable } from "@/components/docs/prose";
import { B } from "@/components/docs/api-reference/shared";

export function ProviderObjectSection() {
  return (
    <DocSection id="provider-object" title="The provider object">
      <Prose>
        <p>
          {B("provider")} steers routing for one request. Privet rejects a field it does not know here, with a 400, rather
          than ignore a misspelt privacy option. Provider names in {B("order")}, {B("only")} and {B("ignore")} match a
          provider&apos;s slug or display name, in any case.
        </p>
      </Prose>
      <RefTable
        caption="Fields of the provider object"
        head={["Field", "Type", "Default", "Meaning"]}
        rows={[
          [B("order"), "string[]", "—", "Providers to try first, in this order. The others follow, ordered by sort."],
          [
            B("allow_fallbacks"),
            "boolean",
            B("true"),
            <>
              {B("false")}: only the first choice is tried (or, with {B("order")}, the eligible providers it names); if that
              fails, its error is the answer.
            </>,
          ],
          [
            B("require_parameters"),
            "boolean",
            B("false"),
            <>
              Only endpoints that list every parameter the request uses (such as {B("tools")}, {B("temperature")},{" "}
              {B("response_format")}) among their supported parameters.
            </>,
          ],
          [
            B("data_collection"),
            <>{B("\"allow\"")} | {B("\"deny\"")}</>,
            B("\"allow\""),
            <>
              {B("\"deny\"")}: only endpoints known not to train on prompts and known not to keep them. {B("\"allow\"")} adds
              nothing: it cannot lift your settings.
            </>,
          ],
          [
            B("zdr"),
            "boolean",
            "—",
            <>
              {B("true")}: only zero-data-retention endpoints. {B("false")} does not switch off the ZDR-only setting of your
              account.
            </>,
          ],
          [B("only"), "string[]", "—", "Only these providers."],
          [B("ignore"), "string[]", "—", "Never these providers, in addition to the ones your settings ignore."],
          [
            B("quantizations"),
            "string[]",
            "—",
            <>
              Only endpoints with one of these: {B("int4")}, {B("int8")}, {B("fp4")}, {B("fp6")}, {B("fp8")}, {B("fp16")},{" "}
              {B("bf16")}, {B("fp32")}, {B("unknown")} (an endpoint that states none counts as {B("unknown")}).
            </>,
          ],
          [
            B("sort"),
            <>{B("\"price\"")} | {B("\"throughput\"")} | {B("\"latency\"")}</>,
            B("\"price\""),
            <>
              How eligible endpoints are ordered after {B("order")}. Price is prompt plus completion price per million tokens,
              cheapest first. Throughput and latency would use measured speeds; Privet does not measure providers yet, so
              they order by price too.
            </>,
          ],
          [
            B("max_price"),
            <>{"{"} {B("prompt")}, {B("completion")}, {B("request")} {"}"}</>,
            "—",
            <>
              A hard cap in USD: per million prompt or completion tokens, and per request for {B("request")}. Endpoints above
              any given cap are skipped.
            </>,
          ],
        ]}
      />
      <Callout title="Options can only narrow your settings">
        Your account settings are applied first and a request cannot undo them: ignored providers, the training switches for
        paid and free models and ZDR only always hold. The filters run in a fixed order: your ignored providers, training,
        ZDR, {B("data_collection")}, {B("only")}, {B("ignore")}, {B("require_parameters")}, {B("quantizations")},{" "}
        {B("max_price")}, then the context window. An endpoint whose provider has no key configured on this install is never
        called. See <a href="/docs#provider-rules">how policies are judged</a>.
      </Callout>
    </DocSection>
  );
}
