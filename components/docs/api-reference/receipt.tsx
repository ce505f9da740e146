// API reference section. The data-handling receipt: the headers every completion carries.
import { DocSection, Prose, RefTable } from "@/components/docs/prose";
import { B } from "@/components/docs/api-reference/shared";
import { receiptHeadersExample } from "@/lib/docs/api-examples";

export function ReceiptSection() {
  return (
    <DocSection id="receipt" title="The data-handling receipt">
      <Prose>
        <p>Every completion, streamed or not, carries these headers, so a program can check where its prompt went:</p>
      </Prose>
      <RefTable
        caption="Receipt headers"
        head={["Header", "Example", "Meaning"]}
        rows={[
          [
            B("X-Privet-Generation-Id"),
            B(receiptHeadersExample["X-Privet-Generation-Id"]),
            "The request's id. Error responses carry it too.",
          ],
          [
            B("X-Privet-Provider"),
            B(receiptHeadersExample["X-Privet-Provider"]),
            "The slug of the provider that served it.",
          ],
          [
            B("X-Privet-Data-Policy"),
            B(receiptHeadersExample["X-Privet-Data-Policy"]),
            <>
              That endpoint&apos;s policy: {B("training")} is yes, no or unknown; {B("retention")} is {B("none")}, a
              number of days such as {B("30d")}, {B("unknown-period")} or {B("unknown")}; {B("zdr")} is yes, no or
              unknown; {B("publish")}
              (whether the provider may publish prompts) is yes, no or unknown.
            </>,
          ],
          [
            B("X-Privet-Content-Stored"),
            B(receiptHeadersExample["X-Privet-Content-Stored"]),
            <>{B("yes")} when prompt logging was on for the request, so its text is stored, encrypted.</>,
          ],
        ]}
      />
      <Prose>
        <p>
          The same provider&apos;s full policy is in the <a href="/docs#provider-policies">provider table</a>.
        </p>
      </Prose>
    </DocSection>
  );
}
