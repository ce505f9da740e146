// API reference section. Models and providers: the public catalog listings.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { B, type TApiReferenceProps } from "@/components/docs/api-reference/shared";
import { printModelEndpoints } from "@/lib/docs/api-examples";

export function CatalogSection({ apiBaseUrl, exampleModel }: Pick<TApiReferenceProps, "apiBaseUrl" | "exampleModel">) {
  const curlEndpoints = `curl ${apiBaseUrl}/models/${exampleModel.split("/").map(encodeURIComponent).join("/")}/endpoints`;

  return (
    <DocSection id="catalog" title="Models and providers">
      <Prose>
        <p>
          Public, no key needed, in OpenRouter&apos;s shapes (its SDK&apos;s {B("models.list")}, {B("models.get")} and{" "}
          {B("endpoints.list")} read them), with Privet&apos;s own fields added. Prices are USD per token, as plain
          decimal strings ({B('"0.0000001"')}); an endpoint whose catalog entry prices cache reads or writes also has{" "}
          {B("pricing.input_cache_read")} and {B("pricing.input_cache_write")}. Write a {B(":free")} id as is or encoded
          ({B("%3A")}).
        </p>
        <ul>
          <li>
            {B("GET /models")}: every model, in one page ({B("links.next")} is {B("null")}, {B("total_count")} the
            number). OpenRouter&apos;s model object: {B("pricing")} and {B("top_provider")} are the cheapest
            endpoint&apos;s, {B("supported_parameters")} the union of its endpoints&apos;. The catalog states neither
            modalities nor tokenizers nor dates, so {B("architecture")} says text in and out with tokenizer {B("Other")}
            , and {B("created")} is 0; {B("per_request_limits")}, {B("default_parameters")} and {B("supported_voices")}{" "}
            are {B("null")}. Privet adds {B("endpoint_count")} and {B("available_endpoint_count")} (endpoints configured
            on this install).
          </li>
          <li>{B("GET /model/{author}/{slug}")}: one model object.</li>
          <li>
            {B("GET /models/{author}/{slug}/endpoints")}: one model and each of its endpoints, in OpenRouter&apos;s
            endpoint object ({B("tag")} is the provider&apos;s slug; {B("status")} is 0 when the endpoint is configured
            here and absent when it is not; uptime, latency and throughput are {B("null")}: OpenRouter&apos;s fleet-wide
            figures have no equivalent here — what this install measured of an endpoint is in{" "}
            <a href="#route">POST /route</a>), with Privet&apos;s {B("provider_slug")}, {B("is_free")},{" "}
            {B("is_configured")} and the endpoint&apos;s effective {B("data_policy")} (the provider&apos;s, overridden
            by the endpoint&apos;s own where it states one).
          </li>
          <li>
            {B("GET /providers")}: every provider with its headquarters, {B("data_regions")} (where it processes
            prompts, {B("null")} when unknown), terms and privacy links, {B("is_configured")} and {B("data_policy")}.
          </li>
        </ul>
      </Prose>
      <CodeBlock label="Request" code={curlEndpoints} isCopyable />
      <CodeBlock label="Response for demo/echo:free (demo install, shortened)" code={printModelEndpoints()} />
    </DocSection>
  );
}
