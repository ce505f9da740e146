// API reference section. The provider object: per-request routing options.
import { Callout, DocSection, Prose, RefTable } from "@/components/docs/prose";
import { B } from "@/components/docs/api-reference/shared";

export function ProviderObjectSection() {
  return (
    <DocSection id="provider-object" title="The provider object">
      <Prose>
        <p>
          {B("provider")} steers routing for one request. Privet rejects a field it does not know here, with a 400,
          rather than ignore a misspelt privacy option. Every field may be {B("null")}, and a list may be empty: either
          is the same as leaving the field out. Provider names in {B("order")}, {B("only")} and {B("ignore")} match a
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
              {B("false")}: only the first choice is tried (or, with {B("order")}, the eligible providers it names); if
              that fails, its error is the answer.
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
            <>
              {B('"allow"')} | {B('"deny"')}
            </>,
            B('"allow"'),
            <>
              {B('"deny"')}: only endpoints known not to train on prompts and known not to keep them. {B('"allow"')}{" "}
              adds nothing: it cannot lift your settings.
            </>,
          ],
          [
            B("zdr"),
            "boolean",
            "—",
            <>
              {B("true")}: only zero-data-retention endpoints. {B("false")} does not switch off the ZDR-only setting of
              your account.
            </>,
          ],
          [
            B("data_regions"),
            "string[]",
            "—",
            <>
              Privet&apos;s own: only providers that process prompts in these countries (two-letter codes such as{" "}
              {B('"DE"')}, any case), {B('"EU"')} standing for every member state. A provider the catalog gives no
              regions for is outside every list. Like the other options it can only narrow.
            </>,
          ],
          [B("only"), "string[]", "—", "Only these providers."],
          [B("ignore"), "string[]", "—", "Never these providers, in addition to the ones your settings ignore."],
          [
            B("quantizations"),
            "string[]",
            "—",
            <>
              Only endpoints with one of these: {B("int4")}, {B("int8")}, {B("fp4")}, {B("fp6")}, {B("fp8")},{" "}
              {B("fp16")}, {B("bf16")}, {B("fp32")}, {B("unknown")} (an endpoint that states none counts as{" "}
              {B("unknown")}).
            </>,
          ],
          [
            B("sort"),
            <>
              {B('"price"')} | {B('"throughput"')} | {B('"latency"')}, or {"{"} {B("by")}, {B("partition")} {"}"}
            </>,
            B('"price"'),
            <>
              How eligible endpoints are ordered after {B("order")}. Price is prompt plus completion price per million
              tokens, cheapest first. Throughput (output tokens per second, highest first) and latency (time to the
              first token, lowest first) use what this install measured of each endpoint over the last 10 minutes of its
              own traffic; endpoints not measured yet follow the measured ones, by price. The model variants{" "}
              {B(":nitro")} and {B(":floor")} (as in {B('"model": "openai/gpt-5:nitro"')}) mean {B('"throughput"')} and{" "}
              {B('"price"')} when the request sets no {B("sort")}. As an object, {B("by")} is one of these and{" "}
              {B('partition: "none"')} sorts the endpoints of all {B("models")} together instead of model by model (the
              default, {B('"model"')}). OpenRouter&apos;s {B('"exacto"')} is refused: Privet has no tool-calling quality
              figures.
            </>,
          ],
          [
            <>
              {B("preferred_min_throughput")}, {B("preferred_max_latency")}
            </>,
            <>
              number, or {"{"} {B("p50")}, {B("p75")}, {B("p90")}, {B("p99")} {"}"}
            </>,
            "—",
            <>
              Tokens per second, and seconds to the first token: endpoints known to meet them go first (after{" "}
              {B("order")}), the others keep their order after them; nothing is excluded. Privet knows one figure per
              endpoint at most, so every cut-off given is compared with it, and an endpoint without one does not count
              as meeting it: the median of what this install measured over the last 10 minutes.
            </>,
          ],
          [
            B("max_price"),
            <>
              {"{"} {B("prompt")}, {B("completion")}, {B("request")}, {B("image")}, {B("audio")} {"}"}
            </>,
            "—",
            <>
              A hard cap in USD, as a number or a decimal string ({B('"0.5"')}, as OpenRouter&apos;s SDK sends it): per
              million prompt or completion tokens, per request, per image, per audio unit. Endpoints above any given cap
              are skipped. No endpoint in Privet&apos;s catalog charges per image or audio unit (they count as prompt
              tokens), so those two caps never skip one.
            </>,
          ],
          [
            B("enforce_distillable_text"),
            "boolean",
            "—",
            <>
              {B("true")} is refused: Privet&apos;s catalog does not say which models allow distillation. {B("false")}{" "}
              asks for nothing.
            </>,
          ],
        ]}
      />
      <Callout title="Endpoints that fail go last, and are skipped for a while">
        Whatever the {B("sort")}, an endpoint that failed in the last minute (an error, a timeout, a broken stream — not
        a request the provider refused as invalid) goes after the others (providers named in {B("order")} keep their
        place). After 3 failures in a row its circuit breaker opens: it is skipped for 30 seconds while any other
        eligible endpoint remains, then one request probes it in its usual place; a failed probe skips it twice as long
        (up to 10 minutes), an answer restores it. When every eligible endpoint is skipped they are all tried anyway,
        cheapest first. Several instances of Privet share these measurements. <a href="#route">POST /route</a> shows
        each endpoint&apos;s measurements and breaker.
      </Callout>
      <Callout title="Options can only narrow your settings">
        Your account settings are applied first and a request cannot undo them: ignored providers, the training switches
        for paid and free models, ZDR only, allowed data regions and the maximum retention always hold. The filters run
        in a fixed order: your ignored providers, training, ZDR, {B("data_collection")}, {B("data_regions")} (yours and
        the request&apos;s), your maximum retention, {B("only")}, {B("ignore")}, {B("require_parameters")}, the features
        the request uses (tools, response formats, images… — <a href="#chat-completions">chat completions</a>),{" "}
        {B("quantizations")}, {B("max_price")}, then the context window. An endpoint whose provider has no key
        configured on this install is never called. See <a href="/docs#provider-rules">how policies are judged</a>.
      </Callout>
    </DocSection>
  );
}
