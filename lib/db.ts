// The one Prisma client. SQLite through the better-sqlite3 driver adapter, no native engine.
// Secrets (password and key hashes) are omitted from every query unless a query asks for them.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";
import { singleton } from "@/lib/singleton";

export const OMIT_SECRETS = {
  user: { passwordHash: true },
  apiKey: { hash: true },
} as const;

function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 5000 });
  return new PrismaClient({ adapter, omit: OMIT_SECRETS });
}

export type TDb = ReturnType<typeof createClient>;

export const db: TDb = singleton("db", createClient);

/** WAL lets readers proceed while the metadata writer commits; NORMAL sync is safe under WAL. */
export async function configureDatabase(client: TDb = db): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}
