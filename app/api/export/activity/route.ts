// GET /api/export/activity — the signed-in account's records matching the table filters, as a streamed CSV.
import { getSessionAccount } from "@/lib/auth/session";
import { parseActivityQuery } from "@/lib/activity/query";
import { createActivityCsvStream, csvFileName } from "@/lib/activity/csv";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const account = await getSessionAccount();
  if (!account)
    return Response.json({ error: { code: 401, message: "Sign in to export your activity." } }, { status: 401 });
  const { filters } = parseActivityQuery(new URL(request.url).searchParams);
  return new Response(createActivityCsvStream(account.id, filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${csvFileName()}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
