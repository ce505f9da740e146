// Prisma CLI configuration: no native engines; migrations run through the better-sqlite3 adapter
// (ARCHITECTURE.md, "Database").
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const url = process.env.DATABASE_URL ?? `file:${path.join(process.cwd(), "data", "privet.db")}`;
process.env.DATABASE_URL = url;
const file = url.replace(/^file:/, "");
if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
