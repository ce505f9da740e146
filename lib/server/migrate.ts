// Applies committed migrations with Prisma's engine-free CLI (scripts/prisma.mjs).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

export function applyMigrations(root: string): { ok: true } | { ok: false; output: string } {
  const result = spawnSync(process.execPath, [path.join(root, "scripts", "prisma.mjs"), "migrate", "deploy"], {
    cwd: root,
    env: process.env,
    encoding: "utf8",
  });
  return result.status === 0 ? { ok: true } : { ok: false, output: `${result.stdout}${result.stderr}` };
}

export function migrationNames(root: string): string[] {
  const dir = path.join(root, "prisma", "migrations");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort() : [];
}
