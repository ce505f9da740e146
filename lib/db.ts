// The one Prisma client, no native engine: SQLite through the better-sqlite3 driver adapter (the
// default), or PostgreSQL through the pg driver adapter when DATABASE_URL is a postgresql:// URL.
// Secrets (password and key hashes) are omitted from every query unless a query asks for them.
// Raw SQL goes through rawQuery/rawExecute so that one statement text serves both databases.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgresql/client";
import { databaseDialect, databaseUrl, setting, type TDialect } from "@/lib/env";
import { singleton } from "@/lib/singleton";

export const OMIT_SECRETS = {
  user: { passwordHash: true },
  apiKey: { hash: true },
} as const;

/** Connections each instance keeps to PostgreSQL (PRIVET_DATABASE_POOL_SIZE, default 10). */
export function postgresPoolSize(): number {
  return setting("PRIVET_DATABASE_POOL_SIZE");
}

function createClient() {
  const url = databaseUrl();
  if (databaseDialect(url) === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: postgresPoolSize() });
    // Both clients are generated from the same models (scripts/db-schemas.mjs derives one schema
    // from the other), so the PostgreSQL client has the SQLite client's API; only its provider differs.
    return new PostgresPrismaClient({ adapter, omit: OMIT_SECRETS }) as unknown as PrismaClient<
      never,
      typeof OMIT_SECRETS
    >;
  }
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
  return new PrismaClient({ adapter, omit: OMIT_SECRETS });
}

export type TDb = ReturnType<typeof createClient>;

export const db: TDb = singleton("db", createClient);

/** The database this process talks to. */
export const dialect = (): TDialect => databaseDialect(databaseUrl());

/**
 * SQLite: WAL lets readers proceed while the metadata writer commits; NORMAL sync is safe under WAL;
 * `secure_delete` zeroes what a deletion frees instead of leaving it in free pages (every connection
 * Privet opens sets it: this one, the metadata writer's, the export reader's; lib/content/erasure.ts
 * empties the WAL after deletions).
 */
export async function configureDatabase(client: TDb = db): Promise<void> {
  if (dialect() !== "sqlite") return;
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  await client.$queryRawUnsafe("PRAGMA secure_delete = ON");
}

type TRawClient = Pick<TDb, "$queryRawUnsafe" | "$executeRawUnsafe">;

/**
 * Statements are written once with `?` placeholders and quoted identifiers; PostgreSQL numbers its
 * placeholders (`$1`, `$2`, …). `?` inside a quoted literal or identifier is left alone.
 */
export function toDialectSql(text: string, target: TDialect = dialect()): string {
  if (target === "sqlite") return text;
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else out += ch === "?" ? `$${(n += 1)}` : ch;
  }
  return out;
}

/** A raw read in the portable SQL of this codebase (see toDialectSql). */
export function rawQuery<T = unknown>(client: TRawClient, text: string, ...params: unknown[]): Promise<T> {
  return client.$queryRawUnsafe<T>(toDialectSql(text), ...params);
}

/** A raw write in the portable SQL of this codebase (see toDialectSql); resolves to the rows changed. */
export function rawExecute(client: TRawClient, text: string, ...params: unknown[]): Promise<number> {
  return client.$executeRawUnsafe(toDialectSql(text), ...params);
}
