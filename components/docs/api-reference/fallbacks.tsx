// API reference section. Fallbacks: when Privet moves on to the next endpoint or model.
import { DocSection, Prose } from "@/components/docs/prose";
import { B } from "@/components/docs/api-reference/shared";

export function FallbacksSection() {
  return (
    <DocSection id="fallbacks" title="Fallbacks">
      <Prose>
        <p>
          Privet tries a model&apos;s eligible endpoints one after another. It moves on to the next when a provider
          answers 408, 429, any 5xx, 401, 403 or 404, times out, cannot be reached, sends a response Privet cannot read,
          or breaks a stream before its first chunk. Any other error from a provider (a 400, say) ends that model: its
          other providers would refuse the request too. The next model of {B("models")}, if any, is tried, as OpenRouter
          falls back to the next model on any error; otherwise that error is the answer. A fallback only ever goes to an
          endpoint that passed every filter above. Failures also reorder later requests: see the provider object&apos;s
          note on endpoints that fail.
        </p>
        <p>
          {B("models")} lists models to try in order: the eligible endpoints of the first, then those of the next, and
          so on; the response&apos;s {B("model")} names the one that answered. If none of the models has an eligible
          endpoint, the refusal explains the first one.
        </p>
      </Prose>
    </DocSection>
  );
}
