// GET /api/v1/key — the calling key's name, prefix and creation time.
import type { TApiContext } from "@/lib/api/context";
import { sendJson } from "@/lib/api/respond";

export async function getKeyRoute({ res, owner }: TApiContext): Promise<void> {
  sendJson(res, 200, { data: { name: owner.keyName, prefix: owner.prefix, created_at: owner.createdAt.toISOString() } });
}
