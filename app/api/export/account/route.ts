// GET /api/export/account — everything Privet keeps about the signed-in account, as one streamed JSON file.
import { getSessionAccount } from "@/lib/auth/session";
import { accountExportFileName, createAccountExportStream } from "@/lib/accounts/export";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const account = await getSessionAccount();
  if (!account)
    return Response.json({ error: { code: 401, message: "Sign in to export your data." } }, { status: 401 });
  return new Response(createAccountExportStream(account.id), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${accountExportFileName()}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
