import Link from "next/link";
import type { TProviderPolicyRow } from "@/lib/docs/types";
import { CATEGORIES } from "@/lib/sampling/categorize";
import { CodeBlock } from "@/components/ui/code-block";
import { ProviderPolicyTable } from "@/components/catalog/provider-policy-table";
import { DocsArticle, type TTocItem } from "@/components/docs/docs-article";
import { ScrollToHash } from "@/components/docs/scroll-to-hash";
import { Callout, Code, DocSection, Prose, RefTable, SubSection } from "@/components/docs/prose";

// Every sentence here must stay true of the code: lib/gateway/pipeline.ts, lib/policy,
// lib/content, lib/sampling, lib/privacy/settings.ts and prisma/schema.prisma. Change them together.

const TOC: TTocItem[] = [
  { id: "short-version", label: "The short version" },
  { id: "path-of-a-prompt", label: "The path of a prompt" },
  { id: "what-privet-keeps", label: "What Privet keeps" },
  { id: "prompt-logging", label: "Prompt logging" },
  { id: "sampling", label: "Anonymous sampling" },
  { id: "metadata", label: "Metadata for every request" },
  { id: "provider-rules", label: "Provider policies" },
  { id: "per-request", label: "Restrictions per request" },
  { id: "refusals", label: "When no provider qualifies" },
  { id: "retention-deletion", label: "Retention, deletion, export" },
  { id: "provider-policies", label: "Provider data-retention table" },
];

const REFUSAL_EXAMPLE = `HTTP/1.1 404 Not Found
X-Privet-Generation-Id: gen-…

{
  "error": {
    "code": 404,
    "message": "No endpoints found matching your data policy (Free model training). Configure: …/settings/privacy",
    "metadata": {
      "code": "privacy_restricted",
      "model": "demo/echo:free",
      "excluded_by": [
        {
          "provider": "demo-trains",
          "step": "data_policy:training",
          "reason": "may train on prompts; free-model training is off"
        },
        {
          "provider": "demo-unknown",
          "step": "data_policy:training",
          "reason": "training policy unknown (treated as may train); free-model training is off"
        }
      ]
    }
  }
}`;

const PER_REQUEST_EXAMPLE = `{
  "model": "…",
  "messages": [{ "role": "user", "content": "…" }],
  "provider": {
    "data_collection": "deny",
    "zdr": true,
    "ignore": ["some-provider"]
  }
}`;

// Read from the categorizer itself, so the list printed here is the list it uses.
const CATEGORY_LIST = `${CATEGORIES.slice(0, -1).join(", ")} or ${CATEGORIES.at(-1)}`;

const SettingsLink = ({ children = "privacy settings" }: { children?: string }) => (
  <Link href="/settings/privacy">{children}</Link>
);

export function PrivacyDocs({ providers, sampleRate }: { providers: TProviderPolicyRow[]; sampleRate: string }) {
  return (
    <DocsArticle
      title="Privacy, logging and data collection"
      description="What Privet keeps, what it never keeps, and how your settings decide which providers may see a prompt. This page describes the code this install runs and the provider catalog it has loaded."
      toc={TOC}
      isTocBeside={false}
    >
      <DocSection id="short-version" title="The short version">
        <Prose>
          <ul>
            <li>
              <strong>Privet does not store your prompts or the replies</strong> unless you switch on prompt logging in
              your <SettingsLink />. Not in the database, not in a log line, not in an error message.
            </li>
            <li>
              <strong>Every request leaves one metadata record</strong>: which model and provider, token counts, cost,
              timing and outcome. Never the text.
            </li>
            <li>
              <strong>Your settings decide where a prompt may go.</strong> If no provider meets them, the request is
              refused with the reason. It is never quietly sent somewhere else.
            </li>
            <li>
              <strong>Unknown means unsafe.</strong> A provider whose policy Privet does not know is treated as one that
              keeps prompts and may train on them.
            </li>
            <li>
              <strong>It is your data.</strong> You can see, export and delete what Privet keeps about you. Nobody else
              can see it.
            </li>
          </ul>
        </Prose>
      </DocSection>

      <DocSection id="path-of-a-prompt" title="The path of a prompt">
        <Prose>
          <p>
            A prompt you send from the chat or through the API travels from your browser or program to this Privet
            install, from there to <strong>one</strong> provider chosen under your settings, and back. If that provider
            fails, Privet may try the next one that also meets your settings, never one that does not. Nothing else
            receives it: Privet has no analytics, and even the categorization for rankings runs inside its own process.
          </p>
          <p>
            Privet is self-hosted. Whoever runs this install runs its server and its database, and holds the key that
            encrypts logged content. Trusting this install means trusting them; this page tells you exactly what the
            software keeps so you know what that trust covers.
          </p>
          <p>
            Each provider has its own policy for what it does with prompts it receives. Those policies are listed in the{" "}
            <a href="#provider-policies">table at the end of this page</a>, and your settings choose which of them you
            accept.
          </p>
        </Prose>
      </DocSection>

      <DocSection id="what-privet-keeps" title="What Privet keeps, and what it does not">
        <RefTable
          caption="What Privet stores about you"
          head={["Data", "Kept?", "Details"]}
          rows={[
            [
              "Prompt and reply text",
              "Only if you opt in",
              <>
                Stored only when prompt logging was on as the request started, encrypted. See{" "}
                <a className="font-medium text-brand underline-offset-4 hover:underline" href="#prompt-logging">
                  prompt logging
                </a>
                .
              </>,
            ],
            [
              "Request metadata",
              "Yes, for every request",
              "Model, provider, attempts, tokens, timing, cost, outcome, the serving provider's policy. No text.",
            ],
            ["Your account", "Yes", "Email address, a password hash (Argon2id) and your privacy settings."],
            [
              "API keys",
              "A hash only",
              "An HMAC of each key and its first characters, so you can tell keys apart. The key itself is shown once, when created.",
            ],
            [
              "Prompt categories",
              "A small sample",
              "Category, model and day only, unless you log prompts. See anonymous sampling.",
            ],
            [
              "Chat conversations",
              "Not on the server",
              "The chat keeps your conversations in your browser, attached images and PDFs included. Each message is a request like any other, under the same rules: an attachment is prompt content, stored only with prompt logging on.",
            ],
            [
              "Your IP address",
              "No",
              "Privet writes it nowhere. Sign-in attempts are counted per address in memory, to slow down password guessing. A proxy in front of this install may log it; ask whoever runs it.",
            ],
          ]}
        />
      </DocSection>

      <DocSection id="prompt-logging" title="Prompt logging (off unless you turn it on)">
        <Prose>
          <p>
            Prompt logging is off for every new account. With it off, the text of your requests and of the replies
            exists only in memory while the request runs. That holds when a request fails, times out, falls back to
            another provider or is cancelled: errors name the field or the provider at fault, never what you wrote.
          </p>
          <p>
            If you switch it on in your <SettingsLink />:
          </p>
          <ul>
            <li>
              Privet keeps the messages you sent and the reply. If a streamed reply breaks off or you stop it, the part
              that arrived is kept and marked as partial.
            </li>
            <li>
              The setting is read once, when a request starts. A request that began with logging off is never stored,
              even if you turn logging on while it runs, and the other way round.
            </li>
            <li>
              The content is <strong>encrypted at rest with AES-256-GCM</strong>, with a fresh random nonce for every
              record. Each record is bound to its request and its account, so it cannot be read as anyone else&apos;s.
              The key is your account&apos;s own, stored only encrypted by the install&apos;s{" "}
              <Code>PRIVET_ENCRYPTION_KEY</Code>. Deleting all your logged content, or your account, deletes that key:
              no copy of the content left anywhere (a database log, a backup made afterwards) can be read again, not
              even with the install&apos;s key.
            </li>
            <li>
              It has <strong>its own retention period</strong>, separate from metadata: from 1 to 365 days, 30 by
              default, counted from the request. When the period ends, a job that runs every few minutes deletes it.
              Shortening the period applies to what is already stored.
            </li>
            <li>
              Only you can read it: in <Link href="/activity">Activity</Link>, and through{" "}
              <Code>GET /api/v1/generation/content?id=…</Code> with one of your API keys. Every completion the API
              returns says whether its content was stored, in the <Code>X-Privet-Content-Stored</Code> header.
            </li>
          </ul>
        </Prose>
      </DocSection>

      <DocSection id="sampling" title="Anonymous sampling for rankings">
        <Prose>
          <p>
            To show which models people use for what on the <Link href="/rankings">Rankings</Link> page, Privet looks at
            a small random fraction of successful requests: the <Code>PRIVET_SAMPLE_RATE</Code> setting, 0.25% unless
            the operator changes it. On this install it is <strong>{sampleRate}</strong>.
          </p>
          <ul>
            <li>
              The categorization runs inside Privet&apos;s own process: a keyword match over the text you wrote, no
              model and no third party. It sorts the request into one of a fixed list of categories: {CATEGORY_LIST}.
              Only the category is kept, never the text.
            </li>
            <li>
              <strong>Without prompt logging</strong>, the stored row holds the category, the model and the day (UTC),
              and nothing else: no account, no key, no request id, no time of day. Rows wait in memory and are written
              in shuffled batches to a table that shares no key with any other, so a row cannot be joined back to a
              request or a person. A row is kept only when at least <Code>PRIVET_RANKINGS_MIN_ACCOUNTS</Code> (3)
              established accounts used that model that day, so not even the day and the model together point at one
              person; otherwise it is dropped.
            </li>
            <li>
              <strong>With prompt logging on</strong>, the category is stored with your account and the request it came
              from, like the logged content itself.
            </li>
          </ul>
        </Prose>
      </DocSection>

      <DocSection id="metadata" title="Metadata for every request">
        <Prose>
          <p>
            Every request made with a valid API key or from the chat leaves exactly one metadata record, whether it
            succeeded, failed, was refused or was cancelled. It is what your <Link href="/activity">Activity</Link>{" "}
            page, cost totals and the rankings are built from. A record holds:
          </p>
          <ul>
            <li>
              when the request started, and the model (the one that answered, or the one asked for when none did);
            </li>
            <li>the provider that served it and the model name at that provider;</li>
            <li>every provider attempt, with its HTTP status, latency and the kind of error, if any;</li>
            <li>prompt and completion token counts, and the cost;</li>
            <li>total latency and time to the first token;</li>
            <li>the finish reason, the outcome (success, error or cancelled), the HTTP status and error code;</li>
            <li>
              the app: the <Code>X-Title</Code> and <Code>HTTP-Referer</Code> headers, the user agent, the{" "}
              <Code>user</Code> field if you send one, whether it came from the API or the chat, which of your keys was
              used, and whether it streamed;
            </li>
            <li>the data policy of the endpoint that served it, as it stood at that moment;</li>
            <li>whether its content was stored.</li>
          </ul>
          <p>
            <strong>Never content.</strong> The record has no field that could hold prompt or reply text.
          </p>
        </Prose>
      </DocSection>

      <DocSection id="provider-rules" title="Provider policies and your settings">
        <Prose>
          <p>
            Every provider in this install&apos;s catalog carries a data policy: whether it may train on prompts,
            whether and for how long it keeps them, whether it offers zero data retention (keeps nothing and never
            trains), whether it may publish prompts, where it is headquartered, links to its terms and privacy policy,
            and when the policy was last checked. A single endpoint (one model at one provider) may state its own
            policy; where it does, it overrides the provider&apos;s field by field, and routing always checks the
            endpoint&apos;s. The catalog is a file the operator controls; the table below is read from it.
          </p>
        </Prose>
        <Callout title="Unknown means unsafe">
          Where a policy does not say, Privet assumes the worst. An unknown training policy counts as &ldquo;may
          train&rdquo;, an unknown retention policy as &ldquo;keeps prompts&rdquo;, an unknown ZDR status as &ldquo;not
          zero retention&rdquo;. The table shows such providers as &ldquo;Unknown policy&rdquo; and &ldquo;May
          train&rdquo;.
        </Callout>

        <SubSection id="training" title="Training on your prompts: paid and free models">
          <Prose>
            <p>
              Your <SettingsLink /> have two separate switches: allow providers that may train on your data for{" "}
              <strong>paid</strong> models, and for <strong>free</strong> models (the <Code>:free</Code> variants). Both
              are off for a new account. While the one that applies is off, an endpoint that may train, or whose
              training policy is unknown, is never called: not as the first choice, not as a fallback.
            </p>
            <p>
              Free variants are often served only by providers that train on prompts. With free-model training off, a
              request to such a model is refused with that reason rather than sent anyway. These switches are about what
              providers do; Privet itself trains on nothing.
            </p>
          </Prose>
        </SubSection>

        <SubSection id="zdr-only" title="Zero data retention only">
          <Prose>
            <p>
              Switch on <strong>ZDR only</strong> and Privet routes only to endpoints whose policy says they keep
              nothing and never train. An endpoint whose ZDR status is unknown does not qualify.
            </p>
          </Prose>
        </SubSection>

        <SubSection id="ignored-providers" title="Ignored providers">
          <Prose>
            <p>Providers you add to your ignored list are never called for you, whatever a request asks.</p>
          </Prose>
        </SubSection>

        <SubSection id="data-regions" title="Allowed data regions">
          <Prose>
            <p>
              List two-letter country codes or <Code>EU</Code> (any member state) under{" "}
              <strong>Allowed data regions</strong> and Privet routes only to providers whose catalog says they process
              prompts there, every one of their regions inside your list. A provider whose regions are unknown is
              outside every list. Empty allows any region. A request&apos;s <Code>provider.data_regions</Code> can
              narrow this further, never widen it.
            </p>
          </Prose>
        </SubSection>

        <SubSection id="max-retention" title="Maximum retention">
          <Prose>
            <p>
              Set a <strong>Maximum retention</strong> in days and Privet leaves out every provider that keeps prompts
              longer, keeps them for a period it does not state, or whose retention policy is unknown. A provider that
              keeps nothing always passes. Empty allows any retention.
            </p>
            <p>
              If this Privet&apos;s admin set an instance policy, its regions and maximum retention apply too: only
              regions inside both lists are allowed, and the smaller maximum holds. Your privacy page shows them.
            </p>
          </Prose>
        </SubSection>

        <SubSection id="max-policy-age" title="Maximum policy age">
          <Prose>
            <p>
              Every provider&apos;s policy in Privet&apos;s catalog carries the date it was last checked. Set a{" "}
              <strong>Maximum policy age</strong> in days (off by default) and a policy checked longer ago than that —
              or never — counts as unknown: its training, retention, zero-data-retention and publishing promises are not
              believed, so each setting that depends on them fails the safe side. With training off such a provider is
              left out as one that may train; under a maximum retention, as one whose retention is unknown; when ZDR is
              required, as not ZDR. A coarse date (&ldquo;late-2025&rdquo;) counts from the first day it can mean (1
              September). With training allowed and nothing else required, such a provider still serves.
            </p>
            <p>
              An instance policy can set one too; the smaller of the two holds. The privacy page&apos;s preview shows
              the effect before you save, and the reason of each exclusion says when the policy was last checked.
            </p>
          </Prose>
        </SubSection>
      </DocSection>

      <DocSection id="per-request" title="Restrictions per request">
        <Prose>
          <p>
            A request can narrow its own routing further with the <Code>provider</Code> object. These options can only
            tighten your settings; nothing in a request can loosen them.
          </p>
        </Prose>
        <RefTable
          caption="Per-request data restrictions"
          head={["Option", "Effect"]}
          rows={[
            [
              <Code key="dc">data_collection: &quot;deny&quot;</Code>,
              'Only endpoints known not to train on prompts and known not to keep them. "allow", the default, changes nothing.',
            ],
            [
              <Code key="zdr">zdr: true</Code>,
              "Only zero-data-retention endpoints. false is not a waiver: it cannot switch off your ZDR-only setting.",
            ],
            [
              <Code key="regions">data_regions: [&quot;EU&quot;, …]</Code>,
              'Only providers that process prompts in these countries ("EU": any member state). A provider whose regions the catalog does not state is outside every list.',
            ],
            [<Code key="only">only: [&quot;slug&quot;, …]</Code>, "Only these providers, by slug or name."],
            [
              <Code key="ignore">ignore: [&quot;slug&quot;, …]</Code>,
              "Skip these providers, on top of the ones your settings ignore.",
            ],
          ]}
        />
        <CodeBlock label="A request that adds restrictions" code={PER_REQUEST_EXAMPLE} isCopyable />
        <Prose>
          <p>
            The <a href="/docs/api#provider-object">API reference</a> describes the other routing options (order,
            fallbacks, price caps, quantizations).
          </p>
        </Prose>
      </DocSection>

      <DocSection id="refusals" title="When no provider qualifies">
        <Prose>
          <p>
            If your settings and the request leave no endpoint for a model, Privet refuses the request before anything
            is sent to any provider. The answer is HTTP <strong>404</strong>, with a message that starts with{" "}
            <Code>No endpoints found matching your data policy</Code>, names the settings that excluded providers, and
            links to your privacy settings. For programs, <Code>error.metadata.excluded_by</Code> lists every provider
            that was removed, the step that removed it and the reason in plain words.
          </p>
        </Prose>
        <CodeBlock
          label="A refusal from a demo install: free-model training is off, and every provider of the free variant may train"
          code={REFUSAL_EXAMPLE}
        />
        <Prose>
          <p>
            <Code>metadata.code</Code> tells this 404 apart from a model that does not exist (
            <Code>model_not_found</Code>): <Code>privacy_restricted</Code> when a data-policy setting removed a
            provider, <Code>no_eligible_endpoint</Code> when only request options (price cap, parameters, features,
            quantization, context length) did. The <a href="/docs/api#errors">API reference</a> lists every step.
          </p>
        </Prose>
      </DocSection>

      <DocSection id="retention-deletion" title="Retention, deletion and export">
        <Prose>
          <ul>
            <li>
              <strong>Metadata</strong> is kept for your metadata retention period: 365 days by default, anywhere from
              30 to 3650 days. Older records are deleted, with their logged content and linked samples.
            </li>
            <li>
              <strong>Logged content</strong> has its own period, from 1 to 365 days, 30 by default. The category sample
              taken from a logged prompt goes with its content.
            </li>
            <li>
              <strong>Delete</strong> one request from <Link href="/activity">Activity</Link> (its record, its content
              and its sample). On the <Link href="/settings/account">Your data</Link> page, delete all your logged
              content while keeping the records, all your activity, or your whole account with its keys and settings.
              Anonymous samples hold nothing that points to you, so they cannot be picked out, and cannot be tied to you
              either.
            </li>
            <li>
              <strong>Export</strong> everything as one JSON file from <Link href="/settings/account">Your data</Link>:
              your account, settings, the limits an admin set on it, key names and prefixes, every metadata record, and
              logged content while it is kept. The Activity page also exports its table as CSV.
            </li>
          </ul>
          <p>
            Retention periods are in your <SettingsLink />.
          </p>
        </Prose>
      </DocSection>

      <DocSection id="provider-policies" title="Provider data-retention table">
        <Prose>
          <p>
            Every provider in this install&apos;s catalog, with the policy it publishes. The table is read from the
            catalog each time the page loads, so it follows the operator&apos;s changes. &ldquo;Policy checked&rdquo; is
            when the policy was last read from the provider&apos;s own terms, which are linked in the last column.
          </p>
        </Prose>
        <ProviderPolicyTable rows={providers} />
      </DocSection>
      <ScrollToHash />
    </DocsArticle>
  );
}
