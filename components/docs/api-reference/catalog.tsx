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
        <p>Public, no key needed. Prices in these responses are USD per token, as decimal strings.</p>
        <ul>
          <li>
            {B("GET /models")}: every model, with its cheapest endpoint&apos;s pricing, supported parameters,{" "}
            {B("endpoint_count")} and {B("available_endpoint_count")} (endpoints configured on this install).
          </li>
          <li>
            {B("GET /models/{author}/{slug}/endpoints")}: one model and each of its endpoints, with the endpoint&apos;s
            effective {B("data_policy")} (the provider&apos;s, overridden by the endpoint&apos;s own where it states one) and{" "}
            {B("status")}: {B("available")} or {B("not_configured")}. Write a {B(":free")} id as is or encoded ({B("%3A")}).
          </li>
          <li>
            {B("GET /providers")}: every provider with its headquarters, terms and privacy links, {B("is_configured")} and{" "}
            {B("data_policy")}.
          </li>
        </ul>
      </Prose>
      <CodeBlock label="Request" code={curlEndpoints} isCopyable />
      <CodeBlock label="Response for demo/echo:free (demo install, shortened)" code={printModelEndpoints()} />
    </DocSection>
  );
}
