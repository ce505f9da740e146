#!/usr/bin/env node
// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// difference between the last committed schema and the working one. `prisma migrate dev` cannot run
// here (it needs a shadow database the SQLite adapter cannot drive), so the diff is computed between
// two schema files instead (TOOLCHAIN notes; ARCHITECTURE.md, "Database").
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (lowercase letters, digits, underscores)");
  process.exit(2);
}
const schemaPath = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");
const hasMigrations = fs.existsSync(migrationsDir) && fs.readdirSync(migrationsDir).some((d) => /^\d{14}_/.test(d));

let previous = null;
if (hasMigrations) {
  try {
    previous = execFileSync("git", ["show", `${process.env.PRIVET_MIGRATION_BASE ?? "HEAD"}:prisma/schema.prisma`], { cwd: root, encoding: "utf8" });
  } catch {
    console.error("Could not read the committed schema (git show HEAD:prisma/schema.prisma). Commit the previous schema first.");
    process.exit(1);
  }
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "privet-migration-"));
const args = ["migrate", "diff", "--script"];
if (previous === null) args.push("--from-empty");
else {
  const prevPath = path.join(tmp, "previous.prisma");
  fs.writeFileSync(prevPath, previous);
  args.push("--from-schema-datamodel", prevPath);
}
args.push("--to-schema-datamodel", schemaPath);
const out = spawnSync(process.execPath, [path.join(root, "scripts", "prisma.mjs"), ...args], { cwd: root, encoding: "utf8" });
fs.rmSync(tmp, { recursive: true, force: true });
if (out.status !== 0) {
  process.stderr.write(out.stderr || out.stdout);
  process.exit(out.status ?? 1);
}
const sql = out.stdout.trim();
if (!sql || /This is an empty migration/.test(sql)) {
  console.error("The schema has not changed since the last migration: nothing to write.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
if (!fs.existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
  fs.writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
}
console.log(path.relative(root, path.join(dir, "migration.sql")));
