// API reference section. GET /key (and /auth/key) and GET /credits: the calling key and the account's
// spend; /keys: OpenRouter's key management API, for a management key.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose, RefTable, SubSection } from "@/components/docs/prose";
import { B } from "@/components/docs/api-reference/shared";
import {
  createKeyExample,
  createKeyRequestExample,
  creditsExample,
  DATA_OPEN,
  keyExample,
  printJson,
} from "@/lib/docs/api-examples";

export function KeySection() {
  return (
    <DocSection id="key" title="GET /key, GET /credits and /keys">
      <Prose>
        <p>
          {B("GET /key")} (also at {B("/auth/key")}, the older path) describes the calling key in OpenRouter&apos;s
          shape, with its name, prefix and creation time added. The prefix (the key&apos;s first characters) and a hash
          are all Privet keeps of a key. {B("usage")}, {B("usage_daily")}, {B("usage_weekly")} and {B("usage_monthly")}{" "}
          are what this key&apos;s requests cost at the catalog&apos;s prices, in USD (days, weeks from Monday and
          months in UTC). {B("limit")} is the key&apos;s spending limit ({B("null")}: none), {B("limit_reset")} when it
          starts over ({B("daily")}, {B("weekly")}, {B("monthly")}, or {B("null")}: it counts everything the key ever
          spent), {B("limit_remaining")} what is left of it now, and {B("expires_at")} when the key stops working.{" "}
          {B("allowed_models")}, {B("allowed_providers")} and {B("require_zdr")} are its other guardrails, and{" "}
          {B("allowed_data_regions")} where its prompts may be processed, in Privet&apos;s region codes (two-letter
          countries or {B("EU")}; {B("[]")}: any). {B("rate_limit")} is the key&apos;s own requests per minute when it
          has a lower one, else {B("PRIVET_RATE_LIMIT_PER_MINUTE")} ({B("-1")} requests when unlimited).
        </p>
        <p>
          {B("account_limits")} is Privet&apos;s own (OpenRouter&apos;s {B("/key")} has no field for it): the limits an
          admin set on the key&apos;s account, which apply on top of the key&apos;s, or {B("null")} when there are none.
          It holds {B("limit")}, {B("limit_reset")} and {B("limit_remaining")} as above but for everything the account
          spent (every key and the chat), {B("resets_at")} when its period starts over, and {B("allowed_models")},{" "}
          {B("allowed_providers")}, {B("require_zdr")} and {B("rate_limit_per_minute")}.
        </p>
        <p>
          {B("GET /credits")} answers in OpenRouter&apos;s shape for the whole account: {B("total_usage")} is what all
          of its requests cost (every key and the chat), and {B("total_credits")} is 0, since nothing is bought from
          Privet — the providers bill this install&apos;s operator.
        </p>
      </Prose>
      <CodeBlock label="GET /key response" code={printJson(keyExample, DATA_OPEN)} />
      <CodeBlock label="GET /credits response" code={printJson(creditsExample)} />

      <SubSection id="guardrails" title="Guardrails on a key">
        <Prose>
          <p>
            Set on the API keys page, by {B("privet key create")}, or through {B("/keys")} below. Each one only narrows
            what the key may do, on top of the account&apos;s privacy settings, and is checked before anything is sent
            to a provider; a refused request still leaves its metadata record, with the reason as its error code.
          </p>
        </Prose>
        <RefTable
          caption="Guardrails and what going past them answers"
          head={["Guardrail", "Over it"]}
          rows={[
            [
              <>
                Spending limit ({B("limit")}, {B("limit_reset")})
              </>,
              <>
                {B("402")}, {B('code: "key_limit_exceeded"')}. Spend is summed from every instance&apos;s records; a
                request already under way finishes, so the last one can go a little over.
              </>,
            ],
            [
              <>Allowed models ({B("allowed_models")})</>,
              <>
                {B("403")}, {B('code: "model_not_allowed"')} for the request&apos;s {B("model")}; {B("models")}{" "}
                fallbacks the key may not use are skipped.
              </>,
            ],
            [
              <>
                Allowed providers ({B("allowed_providers")}), ZDR ({B("require_zdr")})
              </>,
              <>
                Applied like {B("provider.only")} and {B("provider.zdr")} on top of the request&apos;s own (which can
                only narrow them further), for every model tried. Nothing left: {B("403")},{" "}
                {B('code: "provider_not_allowed"')}.
              </>,
            ],
            [
              <>Allowed data regions ({B("allowed_data_regions")}, Privet&apos;s own)</>,
              <>
                Applied like {B("provider.data_regions")}, inside the account&apos;s and the instance&apos;s allowed
                regions: an account allowing only {B("US")} and a key allowing only {B("EU")} leave no provider. Nothing
                left: {B("403")}, {B('code: "provider_not_allowed"')}.
              </>,
            ],
            [
              <>Expiry ({B("expires_at")})</>,
              <>
                {B("401")}, {B('code: "key_expired"')}
              </>,
            ],
            [
              <>Requests per minute ({B("rate_limit_per_minute")})</>,
              <>
                {B("429")} with {B("Retry-After")}, {B('code: "rate_limited"')}
              </>,
            ],
          ]}
        />
        <Prose>
          <p>
            An admin can set the same limits on an account (a spending limit with its reset, allowed models and
            providers, ZDR, requests per minute). They hold for every request of the account — every key&apos;s and the
            chat&apos;s, whose spend and requests count together — with the same answers and{" "}
            {B('limited_by: "account"')} in the error&apos;s {B("metadata")} (a key&apos;s refusals say {B('"key"')});
            over the spending limit the code is {B("account_limit_exceeded")}. A key&apos;s guardrails only narrow the
            account&apos;s limits.
          </p>
        </Prose>
      </SubSection>

      <SubSection id="keys" title="Managing keys: /keys">
        <Prose>
          <p>
            OpenRouter&apos;s key management API, so scripts can mint scoped keys. It takes a <em>management key</em>,
            created on the API keys page; a management key cannot call models, and an ordinary key cannot manage keys
            (both {B("403")}). It manages the account&apos;s ordinary keys, never management keys. {B("hash")} is the
            key&apos;s id.
          </p>
        </Prose>
        <RefTable
          caption="Key management routes"
          head={["Route", "Does"]}
          rows={[
            [
              B("GET /keys"),
              <>
                Lists the keys, 100 at a time ({B("offset")}); disabled ones only with {B("include_disabled=true")}.
              </>,
            ],
            [
              B("POST /keys"),
              <>
                Creates a key: {B("name")}, and optionally {B("limit")}, {B("limit_reset")}, {B("expires_at")} (UTC,
                ending in {B("Z")}), and Privet&apos;s {B("allowed_models")}, {B("allowed_providers")},{" "}
                {B("require_zdr")}, {B("rate_limit_per_minute")} and {B("allowed_data_regions")} (OpenRouter has no such
                field). {B("201")} with the key, shown this once.
              </>,
            ],
            [B("GET /keys/{hash}"), "One key, with its usage."],
            [
              B("PATCH /keys/{hash}"),
              <>
                Changes {B("name")}, {B("disabled")}, {B("limit")}, {B("limit_reset")} or any of Privet&apos;s
                guardrails; fields left out stay. A disabled key answers {B("401")} until it is enabled again.
              </>,
            ],
            [B("DELETE /keys/{hash}"), <>Revokes the key for good: {B('{ "deleted": true }')}.</>],
          ]}
        />
        <CodeBlock label="POST /keys request" code={printJson(createKeyRequestExample)} />
        <CodeBlock label="POST /keys response (201)" code={printJson(createKeyExample, DATA_OPEN)} />
      </SubSection>
    </DocSection>
  );
}
