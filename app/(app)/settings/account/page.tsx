import type { Metadata } from "next";
import { requireAccount } from "@/lib/auth/session";
import { getAccountDataSummary } from "@/lib/accounts/summary";
import { getAccountLimitsView } from "@/lib/accounts/limits";
import { AccountLimits } from "@/components/account/account-limits";
import { PasswordAndSessions } from "@/components/account/password-and-sessions";
import { YourData } from "@/components/account/your-data";
import { deleteAllActivityAction, deleteAllContentAction } from "../../activity/actions";
import { changePasswordAction, deleteAccountAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Your data" };

export default async function YourDataPage() {
  const account = await requireAccount("/settings/account");
  const [summary, limits] = await Promise.all([getAccountDataSummary(account.id), getAccountLimitsView(account.id)]);
  return (
    <div className="flex flex-col gap-12">
      <PasswordAndSessions
        email={account.email}
        changePasswordAction={changePasswordAction}
        signOutEverywhereAction={signOutEverywhereAction}
      />
      <AccountLimits view={limits} />
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
