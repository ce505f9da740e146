import type { Metadata } from "next";
import { getPrivacyDocs } from "@/lib/docs/catalog-pages";
import { PrivacyDocs } from "@/components/docs/privacy-docs";

export const metadata: Metadata = {
  title: "Privacy, logging and data collection",
  description:
    "What Privet stores and never stores, how your settings decide which providers see a prompt, and every provider's retention and training policy.",
};

export default async function DocsPage() {
  const docs = await getPrivacyDocs();
  return <PrivacyDocs providers={docs.providers} sampleRate={docs.sampleRate} />;
}
