// Prisma CLI configuration: no native engines; on SQLite, migrations run through the better-sqlite3
// adapter. PostgreSQL databases are migrated by lib/server/migrate-postgres.ts instead (ARCHITECTURE.md,
// "Database"); for them the CLI is only used to generate the client and to diff schemas.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? `file:${path.join(process.cwd(), "data", "privet.db")}`;
process.env.DATABASE_URL = url;
if (url.startsWith("file:")) {
  const file = url.slice("file:".length);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () =>
    /^postgres(ql)?:\/\//i.test(url) ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url }),
});
