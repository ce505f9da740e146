// API reference section. Errors: the shape, every status and the data-policy refusal.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose, RefTable, SubSection } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { badRequestExample, printJson, printRefusal, printUpstreamFailed } from "@/lib/docs/api-examples";

export function ErrorsSection({ settingsUrl }: Pick<TApiReferenceProps, "settingsUrl">) {
  return (
    <DocSection id="errors" title="Errors">
      <Prose>
        <p>
          Errors are JSON in one shape, {B('{ "error": { "code", "message", "metadata" } }')}, where {B("code")} is the
          HTTP status. Messages never include what you sent.
        </p>
      </Prose>
      <RefTable
        caption="Error statuses"
        head={["Status", "When", "metadata"]}
        rows={[
          [
            B("400"),
            "The body is not valid JSON, a field is invalid, or the provider rejected the request.",
            <>
              {B("field")}, or {B('code: "upstream_rejected"')} with {B("attempts")}
            </>,
          ],
          [
            B("401"),
            "The API key is missing, malformed, unknown or revoked, turned off, past its expiry, or an admin disabled its account.",
            <>
              none, or {B('code: "key_disabled"')} / {B('code: "key_expired"')} with {B("expires_at")}
            </>,
          ],
          [
            B("402"),
            <>
              The key has spent its spending limit for the period ({B("limit_reset")}); nothing is sent until it resets.
            </>,
            <>
              {B('code: "key_limit_exceeded"')}, {B("limit")}, {B("limit_reset")}, {B("usage")}, {B("resets_at")}
            </>,
          ],
          [
            B("403"),
            <>
              The key may not use this model, or the model (and every model in {B("models")}) is outside this
              install&apos;s instance policy (an admin allows only some models); none of the providers the key may reach
              (or, when it requires ZDR, no zero-data-retention endpoint) serves the request; a management key calling
              models, or an ordinary key calling {B("/keys")}. No provider is called.
            </>,
            <>
              {B('code: "model_not_allowed"')} with {B("model")} / {B('"provider_not_allowed"')} /{" "}
              {B('"management_key"')} / {B('"management_key_required"')}
            </>,
          ],
          [
            B("404"),
            <>The model is not in the catalog.</>,
            <>
              {B('code: "model_not_found"')}, {B("model")}
            </>,
          ],
          [
            B("404"),
            <>
              No endpoint passes your settings and the request&apos;s options. The message starts with{" "}
              {B("No endpoints found matching your data policy")}.
            </>,
            <>
              {B("code")}, {B("model")}, {B("excluded_by")}
            </>,
          ],
          [B("405"), "The method is not allowed on this path; the Allow header says which is.", "—"],
          [B("413"), "The body is larger than PRIVET_MAX_BODY_MB (24 MiB unless the operator changed it).", "—"],
          [
            B("429"),
            <>
              This key went over the install&apos;s rate limit ({B("PRIVET_RATE_LIMIT_PER_MINUTE")}) or its own requests
              per minute, the account already has {B("PRIVET_MAX_CONCURRENT_PER_ACCOUNT")} requests under way (
              {B('code: "too_many_concurrent_requests"')}), every provider the request may use stayed at this
              server&apos;s limit of concurrent requests for the whole wait ({B('code: "provider_busy"')}; a busy
              provider is otherwise skipped for the next one, like a failing one), or the only provider tried is rate
              limiting. {B("Retry-After")} says when to retry.
            </>,
            <>
              {B("code")}, and {B("retry_after_seconds")} or {B("attempts")}
            </>,
          ],
          [
            B("502"),
            "Every provider attempt failed.",
            <>
              {B('code: "upstream_failed"')}, {B("attempts")}: {B("[{ provider, status }]")}
            </>,
          ],
          [
            B("503"),
            "Every endpoint of the model is on a provider whose key is not configured on this install.",
            <>
              {B('code: "no_provider_configured"')}, {B("excluded_by")}
            </>,
          ],
          [
            B("504"),
            "Every provider attempt timed out.",
            <>
              {B('code: "upstream_timeout"')}, {B("attempts")}
            </>,
          ],
        ]}
      />
      <CodeBlock label="400: the offending field" code={printJson(badRequestExample)} />
      <CodeBlock label="502: every attempt failed" code={printUpstreamFailed()} />

      <SubSection id="policy-refusal" title="The data-policy refusal (404)">
        <Prose>
          <p>
            Nothing is sent to any provider. {B("metadata.code")} is {B("privacy_restricted")} when one of the
            data-policy steps (ignored providers, training, ZDR, {B("data_collection")}, {B("data_regions")}, retention)
            removed an endpoint, and {B("no_eligible_endpoint")} when only request options or the context window did.
            The message names each setting involved, from: Ignored providers, Paid model training, Free model training,
            Zero data retention, Data collection denied, Data regions, Maximum retention, Provider allow-list, Request
            ignore list, Required parameters, Request features, Quantization, Max price, Context length. It ends with a
            link to your privacy settings. {B("excluded_by")} has one entry per excluded endpoint:
          </p>
        </Prose>
        <CodeBlock
          label="404: paid-model training is off and max_price is low (demo install)"
          code={printRefusal(settingsUrl)}
        />
        <RefTable
          caption="Values of excluded_by[].step, in the order the filters run"
          head={["step", "Removed because"]}
          rows={[
            [B("ignored_providers"), "The provider is in your ignored providers."],
            [
              B("data_policy:training"),
              "It may train on prompts (or its policy is unknown) and your setting for paid or free models forbids it.",
            ],
            [
              B("data_policy:zdr"),
              <>
                It is not zero-data-retention (or unknown) and ZDR is required by your settings or {B("provider.zdr")}.
              </>,
            ],
            [
              B("data_policy:data_collection"),
              <>It may train or keeps prompts (or unknown), and the request set {B('data_collection: "deny"')}.</>,
            ],
            [
              B("data_policy:data_regions"),
              <>
                It processes prompts outside your allowed data regions (under the instance policy&apos;s) or{" "}
                {B("provider.data_regions")}, or its regions are unknown.
              </>,
            ],
            [
              B("data_policy:retention"),
              "It keeps prompts longer than your maximum retention (or the instance policy's), for a period it does not state, or its policy is unknown.",
            ],
            [B("allowed_providers"), <>It is not in {B("provider.only")}.</>],
            [B("ignore"), <>It is in {B("provider.ignore")}.</>],
            [
              B("require_parameters"),
              <>It does not support a parameter the request uses, with {B("require_parameters")} on.</>,
            ],
            [
              B("capabilities"),
              <>
                It cannot serve a feature the request uses: tools, a forced {B("tool_choice")}, a response format, log
                probabilities, or an image, file or audio part (not listed in the catalog, or not expressible in its
                provider&apos;s API).
              </>,
            ],
            [B("quantization"), <>Its quantization is not in {B("provider.quantizations")}.</>],
            [B("max_price"), <>A price is above {B("provider.max_price")}.</>],
            [B("context_length"), "The request (estimated) does not fit its context window."],
            [B("unavailable"), "The provider's key is not configured on this install."],
          ]}
        />
        <Prose>
          <p>
            &ldquo;Unknown&rdquo; includes a policy older than your <strong>maximum policy age</strong> (or the instance
            policy&apos;s): when the catalog last checked a provider&apos;s policy more days ago than that, or never,
            its training, retention, ZDR and publishing count as unknown in the four data-policy steps that read them,
            and the reason ends with when it was last checked. After the filters, the endpoints left are ordered as{" "}
            <a href="#provider-object">the provider object</a> describes ({B("order")}, the performance preferences,
            recent failures and open circuit breakers, then {B("sort")}); <a href="#route">POST /route</a> shows the
            result.
          </p>
        </Prose>
      </SubSection>
    </DocSection>
  );
}
