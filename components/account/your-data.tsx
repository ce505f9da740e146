import Link from "next/link";
import { Download } from "lucide-react";
import type { TAccountDataSummary } from "@/lib/accounts/summary";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { DeleteAllActivityButton, DeleteAllContentButton } from "@/components/activity/delete-buttons";
import type { TDeleteAllActivityAction, TDeleteAllContentAction } from "@/components/activity/types";
import { formatInteger } from "@/lib/format";
import { DeleteAccount } from "@/components/account/delete-account";
import type { TDeleteAccountAction } from "@/components/account/types";

const count = (n: number, one: string, many: string) => `${formatInteger(n)} ${n === 1 ? one : many}`;

/** The "Your data" settings: what Privet holds for the account, the full export, and every deletion. */
export function YourData({
  email,
  accountId,
  summary,
  deleteAllContentAction,
  deleteAllActivityAction,
  deleteAccountAction,
}: {
  email: string;
  /** The account's id: names its chat history in this browser, cleared when the account is deleted. */
  accountId: string;
  summary: TAccountDataSummary;
  deleteAllContentAction: TDeleteAllContentAction;
  deleteAllActivityAction: TDeleteAllActivityAction;
  deleteAccountAction: TDeleteAccountAction;
}) {
  return (
    <section aria-labelledby="your-data-heading" className="flex flex-col gap-6">
      <div className="flex flex-col gap-1.5">
        <h2 id="your-data-heading" className="text-xl font-semibold tracking-tight">
          Your data
        </h2>
        <p className="max-w-2xl text-muted-foreground">
          Privet keeps {count(summary.requests, "request record", "request records")} (metadata: model, provider,
          tokens, cost, timing),{" "}
          {count(summary.storedContent, "logged prompt and completion", "logged prompts and completions")} and{" "}
          {count(summary.apiKeys, "API key", "API keys")} for you. Only you can see them; you can take them with you or
          delete them.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h3">Export everything</CardTitle>
          <CardDescription>
            One JSON file with your account, privacy settings, API keys (names and prefixes, never the keys), every
            request record and, where it is still kept, its logged prompt and completion.
          </CardDescription>
        </CardHeader>
        <CardFooter className="flex-wrap">
          <a href="/api/export/account" download className={buttonClasses({ size: "sm" })}>
            <Download className="size-4" aria-hidden="true" />
            Download JSON export
          </a>
          <Link href="/activity" className={buttonClasses({ variant: "outline", size: "sm" })}>
            Filtered CSV on the activity page
          </Link>
        </CardFooter>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h3">Delete logged content</CardTitle>
          <CardDescription>
            Deletes every stored prompt and completion now, before their retention period ends, with the category
            samples taken from them and the key they were encrypted with. Your request records stay, so your usage
            history and spend are unchanged.
          </CardDescription>
        </CardHeader>
        <CardFooter>
          <DeleteAllContentButton action={deleteAllContentAction} storedCount={summary.storedContent} />
        </CardFooter>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h3">Delete all activity</CardTitle>
          <CardDescription>
            Deletes every request record with its logged content and linked category samples, and your usage history.
            Your account, API keys and settings stay.
          </CardDescription>
        </CardHeader>
        <CardFooter>
          <DeleteAllActivityButton action={deleteAllActivityAction} />
        </CardFooter>
      </Card>

      <Card className="border-destructive/40">
        <CardHeader>
          <CardTitle as="h3">Delete account</CardTitle>
          <CardDescription>
            Deletes your account and everything above, then signs you out. You will be asked for your password.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <p className="text-sm text-muted-foreground">
            Not deleted, because they are not yours in any way Privet can tell: anonymous samples. When prompt logging
            is off, a small share of prompts is reduced to a category, a model and a day for the rankings page, with no
            account, key, request id or time — nothing that could find them again.
          </p>
        </CardContent>
        <CardFooter>
          <DeleteAccount email={email} accountId={accountId} action={deleteAccountAction} />
        </CardFooter>
      </Card>
    </section>
  );
}
