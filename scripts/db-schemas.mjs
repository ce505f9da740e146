// The PostgreSQL schema is derived from the SQLite one (prisma/schema.prisma, the one source of the
// data model): the same models, only the datasource and the generated client's folder differ. So the
// two cannot drift; `npm run db:migration` rewrites the derived file and tests/integration/schema.test.ts
// fails when it is out of date.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMAS = {
  sqlite: { schema: path.join(root, "prisma", "schema.prisma"), migrations: path.join(root, "prisma", "migrations") },
  postgresql: {
    schema: path.join(root, "prisma", "postgresql", "schema.prisma"),
    migrations: path.join(root, "prisma", "postgresql", "migrations"),
  },
};

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/db-schemas.mjs: edit that file, then run\n// `npm run db:migration -- <name>`, which rewrites this one.\n";

/** The PostgreSQL schema for the given SQLite schema text. */
export function postgresSchemaFrom(sqlite) {
  const replace = (text, from, to) => {
    if (!text.includes(from))
      throw new Error(
        `prisma/schema.prisma no longer contains ${JSON.stringify(from)}: update scripts/db-schemas.mjs.`,
      );
    return text.replace(from, to);
  };
  let text = replace(sqlite, 'provider = "sqlite"', 'provider = "postgresql"');
  text = replace(
    text,
    'output     = "../lib/generated/prisma"',
    'output     = "../../lib/generated/prisma-postgresql"',
  );
  return HEADER + text;
}

/** Rewrites prisma/postgresql/schema.prisma; returns whether it changed. */
export function writePostgresSchema() {
  const next = postgresSchemaFrom(fs.readFileSync(SCHEMAS.sqlite.schema, "utf8"));
  const current = fs.existsSync(SCHEMAS.postgresql.schema) ? fs.readFileSync(SCHEMAS.postgresql.schema, "utf8") : null;
  if (current === next) return false;
  fs.mkdirSync(path.dirname(SCHEMAS.postgresql.schema), { recursive: true });
  fs.writeFileSync(SCHEMAS.postgresql.schema, next);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(
    writePostgresSchema()
      ? "prisma/postgresql/schema.prisma rewritten"
      : "prisma/postgresql/schema.prisma is up to date",
  );
}
