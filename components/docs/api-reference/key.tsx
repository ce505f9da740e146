// API reference section. GET /key: the calling key.
import { CodeBlock } from "@/components/ui/code-block";
import { DocSection, Prose } from "@/components/docs/prose";
import { keyExample, printJson } from "@/lib/docs/api-examples";

export function KeySection() {
  return (
    <DocSection id="key" title="GET /key">
      <Prose>
        <p>
          The calling key&apos;s name, its prefix and when it was created. The prefix (the key&apos;s first characters) and
          a hash are all Privet keeps of a key.
        </p>
      </Prose>
      <CodeBlock label="Response" code={printJson(keyExample)} />
    </DocSection>
  );
}
