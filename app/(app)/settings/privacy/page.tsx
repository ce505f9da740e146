import type { Metadata } from "next";
import { requireAccount } from "@/lib/auth/session";
import { getPrivacySettingsPage } from "@/lib/privacy/privacy-settings";
import { PrivacySettingsForm } from "@/components/privacy/privacy-settings-form";
import { WhatPrivetStores } from "@/components/privacy/what-privet-stores";
import { deleteLoggedContentAction, updatePrivacySettingsAction } from "./actions";

export const metadata: Metadata = { title: "Privacy settings" };

export default async function PrivacySettingsPage() {
  const account = await requireAccount("/settings/privacy");
  const data = await getPrivacySettingsPage(account.id);
  return (
    <section aria-labelledby="privacy-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h2 id="privacy-heading" className="text-xl font-semibold tracking-tight">
          Privacy
        </h2>
        <p className="max-w-2xl text-muted-foreground">
          Choose what Privet keeps and which providers may see your requests. Every request, from the API or from chat,
          follows these settings from the moment you save them.
        </p>
      </div>
      <PrivacySettingsForm
        initial={data}
        updateAction={updatePrivacySettingsAction}
        deleteAction={deleteLoggedContentAction}
      />
      <WhatPrivetStores />
    </section>
  );
}
