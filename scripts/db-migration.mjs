#!/usr/bin/env node
// `npm run db:migration -- <name>`: writes a migration for each database from the difference between
// the last committed schema and the working one — prisma/migrations/<timestamp>_<name>/ for SQLite
// and prisma/postgresql/migrations/<timestamp>_<name>/ for PostgreSQL — and rewrites the derived
// PostgreSQL schema (scripts/db-schemas.mjs). `prisma migrate dev` cannot run here (it needs a shadow
// database the adapters cannot drive), so the diff is computed between two schema files instead
// (ARCHITECTURE.md, "Database").
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SCHEMAS, postgresSchemaFrom, root, writePostgresSchema } from "./db-schemas.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lowercase letters, digits, underscores)");
  process.exit(2);
}

const hasMigrations = (dir) => fs.existsSync(dir) && fs.readdirSync(dir).some((d) => /^\d{14}_/.test(d));

let committed = null;
try {
  committed = execFileSync("git", ["show", `${process.env.PRIVET_MIGRATION_BASE ?? "HEAD"}:prisma/schema.prisma`], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
} catch {
  committed = null;
}

writePostgresSchema();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "privet-migration-"));
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

/** The SQL from `previous` (schema text, or null for an empty database) to the schema file `to`. */
function diff(provider, previous, to) {
  const args = ["migrate", "diff", "--script"];
  if (previous === null) args.push("--from-empty");
  else {
    const prevPath = path.join(tmp, `${provider}.prisma`);
    fs.writeFileSync(prevPath, previous);
    args.push("--from-schema-datamodel", prevPath);
  }
  args.push("--to-schema-datamodel", to);
  const out = spawnSync(process.execPath, [path.join(root, "scripts", "prisma.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  if (out.status !== 0) {
    process.stderr.write(out.stderr || out.stdout);
    process.exit(out.status ?? 1);
  }
  const sql = out.stdout.trim();
  return !sql || /This is an empty migration/.test(sql) ? null : sql;
}

const written = [];
for (const [provider, { schema, migrations }] of Object.entries(SCHEMAS)) {
  const isFirst = !hasMigrations(migrations);
  if (!isFirst && committed === null) {
    console.error(
      "Could not read the committed schema (git show HEAD:prisma/schema.prisma). Commit the previous schema first.",
    );
    process.exit(1);
  }
  const previous = isFirst ? null : provider === "postgresql" ? postgresSchemaFrom(committed) : committed;
  const sql = diff(provider, previous, schema);
  if (!sql) continue;
  const dir = path.join(migrations, `${stamp}_${isFirst ? "init" : name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  const lock = path.join(migrations, "migration_lock.toml");
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, `provider = "${provider}"\n`);
  written.push(path.relative(root, path.join(dir, "migration.sql")));
}
fs.rmSync(tmp, { recursive: true, force: true });
if (written.length === 0) {
  console.error("The schema has not changed since the last migration: nothing to write.");
  process.exit(1);
}
for (const file of written) console.log(file);
