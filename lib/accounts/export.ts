// The full export of an account's data as one JSON document, streamed: the account, its settings,
// the limits an admin set on it, its API keys (name, prefix and dates — never the key or its hash), linked category samples, then
// every metadata record with its logged content (decrypted for its owner) when content is still kept.
// Records are read a page at a time by keyset, so memory stays flat for millions of them.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { openStoredContent } from "@/lib/content/content";
import type { TStoredContent } from "@/lib/content/capture";
import { findApiKeys } from "@/lib/keys/api-keys";
import { findAccountLimitsForExport } from "@/lib/accounts/limits";
import { getAccountSettings } from "@/lib/privacy/settings";
import { generationToApi } from "@/lib/generations/generations";
import { recorder } from "@/lib/gateway/recorder";
import { recordFromRow, type TGenerationRecord } from "@/lib/generations/record";
import { pageSql, type TCursor } from "@/lib/activity/list";
import { textStream } from "@/lib/activity/stream";
import { readRows } from "@/lib/activity/export-reader";

const PAGE = 1_000;

export const EXPORT_NOTES = [
  "Anonymous samples (a category, a model and a day, kept for the rankings page when prompt logging is off) are not included: they hold nothing that ties them to you, so nobody can find them to export or delete.",
  "Logged content appears under each generation only while its retention period lasts.",
];

type TExportedContent = (TStoredContent & { expires_at: string }) | { error: "unreadable" } | null;

async function contentsFor(
  userId: string,
  records: TGenerationRecord[],
  now: Date,
): Promise<Map<string, TExportedContent>> {
  const ids = records.filter((r) => r.contentStored).map((r) => r.id);
  const out = new Map<string, TExportedContent>();
  if (ids.length === 0) return out;
  const rows = await db.generationContent.findMany({
    where: { userId, generationId: { in: ids }, expiresAt: { gt: now } },
  });
  for (const c of rows) {
    try {
      const content = await openStoredContent(userId, c);
      out.set(
        c.generationId,
        content ? { ...content, expires_at: c.expiresAt.toISOString() } : { error: "unreadable" },
      );
    } catch {
      out.set(c.generationId, { error: "unreadable" });
    }
  }
  return out;
}

async function* exportChunks(userId: string): AsyncGenerator<string, void, undefined> {
  const now = new Date();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, createdAt: true } });
  if (!user) throw new AppError("not_found", "Account not found.");
  // Requests that ended a moment ago may still wait in the writer's memory: the export holds them.
  await recorder().settle();
  const [settings, limits, keys, samples] = await Promise.all([
    getAccountSettings(userId),
    findAccountLimitsForExport(userId),
    findApiKeys(userId),
    db.categorySample.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { generationId: true, model: true, category: true, createdAt: true },
    }),
  ]);
  const head = {
    format: "privet-account-export",
    version: 1,
    exported_at: now.toISOString(),
    notes: EXPORT_NOTES,
    account: { id: user.id, email: user.email, created_at: user.createdAt.toISOString() },
    settings: {
      prompt_logging: settings.promptLogging,
      allow_training_paid: settings.allowTrainingPaid,
      allow_training_free: settings.allowTrainingFree,
      zdr_only: settings.zdrOnly,
      ignored_providers: settings.ignoredProviders,
      content_retention_days: settings.contentRetentionDays,
      metadata_retention_days: settings.metadataRetentionDays,
      updated_at: settings.updatedAt.toISOString(),
    },
    // Set by an admin (null: none); the account sees them read-only.
    account_limits: limits,
    api_keys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: k.prefix,
      created_at: k.createdAt.toISOString(),
      last_used_at: k.lastUsedAt?.toISOString() ?? null,
      revoked_at: k.revokedAt?.toISOString() ?? null,
    })),
    category_samples: samples.map((s) => ({
      generation_id: s.generationId,
      model: s.model,
      category: s.category,
      created_at: s.createdAt.toISOString(),
    })),
  };
  const text = JSON.stringify(head, null, 2);
  // The head object is complete but for the records, which follow as its last member.
  yield `${text.slice(0, text.lastIndexOf("}")).trimEnd()},\n  "generations": [`;
  let cursor: TCursor | null = null;
  let isFirst = true;
  for (;;) {
    const sql = pageSql(userId, {}, "date", "desc", cursor, PAGE, "*");
    const records = (await readRows(sql.sql, sql.params)).map(recordFromRow);
    if (records.length === 0) break;
    const contents = await contentsFor(userId, records, now);
    let chunk = "";
    for (const r of records) {
      chunk += `${isFirst ? "\n" : ",\n"}    ${JSON.stringify({ ...generationToApi(r), content: contents.get(r.id) ?? null })}`;
      isFirst = false;
    }
    yield chunk;
    if (records.length < PAGE) break;
    const last = records[records.length - 1]!;
    cursor = { s: "date", d: "desc", v: last.createdAt.toISOString(), i: last.id };
  }
  yield `${isFirst ? "" : "\n  "}]\n}\n`;
}

export function createAccountExportStream(userId: string): ReadableStream<Uint8Array> {
  return textStream(exportChunks(userId));
}

export function accountExportFileName(now = new Date()): string {
  return `privet-account-export-${now.toISOString().slice(0, 10)}.json`;
}
