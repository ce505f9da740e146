import { redirect } from "next/navigation";

// The providers are listed, with their policies, in the table on the docs page.
export default function ProvidersPage() {
  redirect("/docs#provider-policies");
}
