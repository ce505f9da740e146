import { PrivacySettingsSkeleton } from "@/components/privacy/privacy-settings-skeleton";

export default function Loading() {
  return <PrivacySettingsSkeleton />;
}
