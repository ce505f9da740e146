#!/usr/bin/env node
// The `privet` admin CLI. The commands are TypeScript (scripts/cli.ts), loaded through tsx.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import(path.join(root, "scripts", "cli.ts"));
