import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/session";
import { getCatalog } from "@/lib/catalog/store";
import { defaultSignupMode, getInstanceSettings } from "@/lib/instance/settings";
import { PolicyFloorForm, SignupModeForm } from "@/components/admin/instance-settings-form";
import { updatePolicyFloorAction, updateSignupModeAction } from "../actions";

export const metadata: Metadata = { title: "Admin: instance" };

export default async function AdminInstancePage() {
  await requireAdmin();
  const [settings, catalog] = await Promise.all([getInstanceSettings(), getCatalog()]);
  const providers = catalog.providers.map((p) => ({ slug: p.slug, name: p.name, dataPolicy: p.dataPolicy }));
  return (
    <section aria-labelledby="admin-instance-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h2 id="admin-instance-heading" className="text-xl font-semibold tracking-tight">
          Instance
        </h2>
        <p className="max-w-2xl text-muted-foreground">
          Who may join this Privet, and what every account&apos;s requests must respect.
        </p>
      </div>
      <SignupModeForm
        mode={settings.signupMode}
        isDefault={settings.isSignupModeDefault}
        defaultMode={defaultSignupMode()}
        updateAction={updateSignupModeAction}
      />
      <PolicyFloorForm floor={settings.floor} providers={providers} updateAction={updatePolicyFloorAction} />
    </section>
  );
}
