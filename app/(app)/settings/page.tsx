import { redirect } from "next/navigation";

// Until the privacy page lands, API keys are the settings page people come for.
export default function SettingsPage() {
  redirect("/settings/keys");
}
