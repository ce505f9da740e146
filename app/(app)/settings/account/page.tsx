import type { Metadata } from "next";
import { requireAccount } from "@/lib/auth/session";
import { getAccountDataSummary } from "@/lib/accounts/summary";
import { PasswordAndSessions } from "@/components/account/password-and-sessions";
import { YourData } from "@/components/account/your-data";
import { deleteAllActivityAction, deleteAllContentAction } from "../../activity/actions";
import { changePasswordAction, deleteAccountAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Your data" };

export default async function YourDataPage() {
  const account = await requireAccount("/settings/account");
  const summary = await getAccountDataSummary(account.id);
  return (
    <div className="flex flex-col gap-12">
      <PasswordAndSessions
        email={account.email}
        changePasswordAction={changePasswordAction}
        signOutEverywhereAction={signOutEverywhereAction}
      />
      <YourData
        email={account.email}
        accountId={account.id}
        summary={summary}
        deleteAllContentAction={deleteAllContentAction}
        deleteAllActivityAction={deleteAllActivityAction}
        deleteAccountAction={deleteAccountAction}
      />
    </div>
  );
}
