// API reference section. Base URL and keys.
import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";
import { Code, DocSection, Prose } from "@/components/docs/prose";
import { type TApiReferenceProps } from "@/components/docs/api-reference/shared";

export function OverviewSection({ apiBaseUrl }: Pick<TApiReferenceProps, "apiBaseUrl">) {
  return (
    <DocSection id="overview" title="Base URL and keys">
      <Prose>
        <p>
          Every endpoint lives under <Code>{apiBaseUrl}</Code>. Requests that act for an account carry one of its API
          keys, which you create in <Link href="/settings/keys">Settings → API keys</Link>:
        </p>
      </Prose>
      <CodeBlock code="Authorization: Bearer sk-pv-…" label="Request header" isCopyable />
      <Prose>
        <p>
          A key acts with its account&apos;s <Link href="/settings/privacy">privacy settings</Link>: each request is
          routed and logged (or not) exactly as those settings say at the moment it starts. The model and provider
          listings are public and need no key. Bodies are JSON, at most 24 MiB (images and PDFs travel inside them,
          base64-encoded; the operator sets the limit with PRIVET_MAX_BODY_MB).
        </p>
        <p>
          Web pages may call the API from a browser with a key they hold (CORS, for the origins the operator allows in{" "}
          <Code>PRIVET_CORS_ORIGINS</Code>, any by default as on OpenRouter): preflight requests are answered without a
          key, the receipt headers are readable, and no response ever allows credentials, so a page can never act with a
          visitor&apos;s Privet session.
        </p>
      </Prose>
    </DocSection>
  );
}
