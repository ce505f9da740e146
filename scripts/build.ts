// `npm run build`: builds the app when the build is missing or older than the sources.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isBuildStale, runBuild } from "@/lib/server/build";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (process.argv.includes("--force") || isBuildStale(root)) {
  console.log("[privet] building…");
  await runBuild(root);
  console.log("[privet] build finished");
} else console.log("[privet] build is up to date");
