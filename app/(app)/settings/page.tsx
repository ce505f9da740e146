import { redirect } from "next/navigation";

// Privacy comes first: it is what Privet is for.
export default function SettingsPage() {
  redirect("/settings/privacy");
}
