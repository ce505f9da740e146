// `privet` — the admin CLI (README, "Admin CLI"). Output meant for scripts goes to stdout alone;
// every error goes to stderr with a non-zero exit (1 for a failed command, 2 for a usage error).
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { dataDir, databaseUrl } from "@/lib/env";
import { ensureSecrets } from "@/lib/secrets";
import { AppError } from "@/lib/errors";
import { NO_LIMITS, splitList, type TKeyGuardrails, type TLimits } from "@/lib/keys/guardrails-schema";
import { LIMIT_RESETS } from "@/lib/vocabulary";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const USAGE = `Usage: privet <command> [options]

Commands:
  user create --email E --password P [--admin]
                                          create an account (--admin: an admin, who runs this
                                          Privet at /admin; the way to make the first admin)
  user role --email E admin|member        give an account the admin or the member role
  user disable|enable --email E           disable an account (it cannot sign in; its sessions
                                          and API keys stop at once) or enable it again
  user limits --email E [--limit USD] [--limit-reset daily|weekly|monthly]
              [--models a/b,c/d] [--providers x,y] [--zdr] [--rpm N] [--clear]
                                          replace the account's limits (its API and chat requests
                                          alike; flags left out set no limit); --clear removes
                                          them all; with no flag, print them
  signup open|invite|closed               set the sign-up mode (invite: by single-use links)
  invite create [--expires-days N]        make a single-use sign-up link (default 7 days);
                                          prints the link alone on stdout
  policy set [--no-train-paid] [--no-train-free] [--zdr] [--ignore slug,slug]
             [--models id,id] [--regions EU,US] [--max-retention-days N]
             [--max-policy-age-days N]
                                          replace the instance policy floor every account routes
                                          under (flags left out are not required; --models ""
                                          or no --models allows every model, likewise --regions
                                          every data region, --max-retention-days any retention;
                                          --max-policy-age-days N: provider policies the catalog
                                          last checked more than N days ago count as unknown)
  policy show                             print the instance policy floor and sign-up mode
  user set-password --email E             set a new password, read from stdin (a hidden prompt
                                          on a terminal); signs out every session of the account
  key create --email E [--name N] [--limit USD] [--limit-reset daily|weekly|monthly]
             [--models a/b,c/d] [--providers x,y] [--zdr] [--expires YYYY-MM-DD] [--rpm N]
             [--regions EU,US]
                                          create an API key with these guardrails; prints the
                                          key alone on stdout (--expires: midnight UTC that day;
                                          --regions: where its prompts may be processed)
  key revoke --email E --prefix P         revoke the account's key that starts with P
  settings set --email E [--prompt-logging on|off] [--train-paid on|off]
               [--train-free on|off] [--zdr on|off] [--ignore slug,slug]
               [--regions EU,CH] [--max-retention-days N] [--max-policy-age-days N]
                                          change privacy settings (--ignore "" and --regions ""
                                          clear the list; --max-retention-days "" allows any,
                                          --max-policy-age-days "" trusts policies of any age)
  catalog load [FILE]                     validate and load a catalog (default: PRIVET_CATALOG or
                                          the bundled catalog/default.json)
  purge                                   delete logged content past its retention and metadata
                                          past each account's metadata retention
  keys rewrap                              re-wrap every account's content key with the current
                                          PRIVET_ENCRYPTION_KEY after a rotation (content is not
                                          re-encrypted); fails while a key needs a missing old key
  db migrate                              apply database migrations
  help                                    show this text

Environment: DATABASE_URL, PRIVET_DATA_DIR, AUTH_SECRET, PRIVET_ENCRYPTION_KEY,
PRIVET_ENCRYPTION_KEY_PREVIOUS (see README, "Configuration").`;

class UsageError extends Error {}

function describeFloor(floor: import("@/lib/policy/floor").TPolicyFloor): string {
  const show = (b: boolean) => (b ? "required" : "not required");
  return [
    `instance policy floor: no training on paid models ${show(floor.noTrainingPaid)}, no training on free models ${show(floor.noTrainingFree)}, ZDR only ${show(floor.zdrOnly)}`,
    `ignored providers: [${floor.ignoredProviders.join(",")}]`,
    `allowed models: ${floor.allowedModels === null ? "all" : `[${floor.allowedModels.join(",")}]`}`,
    `allowed data regions: ${floor.allowedDataRegions === null ? "any" : `[${floor.allowedDataRegions.join(",")}]`}`,
    `maximum retention: ${floor.maxRetentionDays === null ? "any" : `${floor.maxRetentionDays} days`}`,
    `maximum policy age: ${floor.maxPolicyAgeDays === null ? "any" : `${floor.maxPolicyAgeDays} days (older provider policies count as unknown)`}`,
  ].join("\n");
}

/**
 * `--max-retention-days N` or `--max-policy-age-days N` as a number ("" or "any": no maximum), for
 * policy set and settings set. The range is the settings' schema's to check.
 */
function daysOption(value: string | undefined, name = "max-retention-days"): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === "" || value === "any") return null;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number of days, not "${value}"`);
  return Number(value);
}

function need(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`missing option --${name}`);
  return value;
}

function onOff(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === "on") return true;
  if (value === "off") return false;
  throw new UsageError(`--${name} takes "on" or "off", not "${value}"`);
}

/** The limit options `key create` and `user limits` share; the values themselves are checked where they are stored. */
function limitOptions(values: Record<string, string | boolean | undefined>): TLimits {
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const number = (name: string) => {
    const value = text(name);
    if (value === undefined || value === "") return null;
    if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--${name} takes a number, not "${value}"`);
    return Number(value);
  };
  const reset = text("limit-reset") || undefined;
  if (reset !== undefined && !(LIMIT_RESETS as readonly string[]).includes(reset))
    throw new UsageError(`--limit-reset takes ${LIMIT_RESETS.join(", ")}, not "${reset}"`);
  return {
    spendLimit: number("limit"),
    limitReset: (reset as TLimits["limitReset"]) ?? null,
    allowedModels: splitList(text("models") ?? ""),
    allowedProviders: splitList(text("providers") ?? ""),
    requireZdr: values.zdr === true,
    rateLimitPerMinute: number("rpm"),
  };
}

/** `key create`'s guardrail options: the shared limits, an expiry and allowed data regions. */
function keyGuardrailOptions(values: Record<string, string | boolean | undefined>): TKeyGuardrails {
  const expires = typeof values.expires === "string" ? values.expires : undefined;
  if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires))
    throw new UsageError(`--expires takes a date as YYYY-MM-DD, not "${expires}"`);
  return {
    ...limitOptions(values),
    expiresAt: expires === undefined ? null : new Date(`${expires}T00:00:00Z`),
    allowedDataRegions: splitList(typeof values.regions === "string" ? values.regions.toUpperCase() : ""),
  };
}

/** An account's limits in a few lines, for `user limits`. */
function describeLimits(email: string, limits: TLimits): string {
  const per = { daily: " per day", weekly: " per week", monthly: " per month" } as const;
  return [
    `limits of ${email}:`,
    `spending limit: ${limits.spendLimit === null ? "none" : `${limits.spendLimit} USD${limits.limitReset ? per[limits.limitReset] : " in all"}`}`,
    `allowed models: ${limits.allowedModels.length === 0 ? "any" : `[${limits.allowedModels.join(",")}]`}`,
    `allowed providers: ${limits.allowedProviders.length === 0 ? "any" : `[${limits.allowedProviders.join(",")}]`}`,
    `ZDR only: ${limits.requireZdr ? "required" : "not required"}`,
    `requests per minute: ${limits.rateLimitPerMinute === null ? "no limit of its own" : limits.rateLimitPerMinute}`,
  ].join("\n");
}

function options<T extends Record<string, { type: "string" } | { type: "boolean" }>>(argv: string[], spec: T) {
  try {
    return parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * A new password from stdin — never from the command line, where it would stay in the shell's
 * history and show in the process list. Piped: the first line. On a terminal: a prompt that does
 * not echo what is typed.
 */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? "";
  }
  process.stderr.write("New password: ");
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.once("line", resolve));
  } finally {
    rl.close();
    process.stderr.write("\n");
  }
}

async function prepare(): Promise<void> {
  const secrets = ensureSecrets(dataDir());
  process.env.AUTH_SECRET = secrets.AUTH_SECRET;
  process.env.PRIVET_ENCRYPTION_KEY = secrets.PRIVET_ENCRYPTION_KEY;
  process.env.DATABASE_URL = databaseUrl();
  const { applyMigrations } = await import("@/lib/server/migrate");
  const result = await applyMigrations(root);
  if (!result.ok) throw new Error(`applying migrations failed:\n${result.output}`);
  // The CLI deletes too (purge): with secure_delete like the server's connections.
  const { configureDatabase } = await import("@/lib/db");
  await configureDatabase();
}

async function run(argv: string[]): Promise<void> {
  const [group, action, ...rest] = argv;
  const command = `${group ?? ""} ${action ?? ""}`.trim();
  if (!group || group === "help" || group === "--help" || group === "-h") {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case "user create": {
      const { values } = options(rest, {
        email: { type: "string" },
        password: { type: "string" },
        admin: { type: "boolean" },
      });
      const email = need(values, "email");
      const password = need(values, "password");
      await prepare();
      const { createAccount } = await import("@/lib/accounts/accounts");
      const isAdmin = values.admin === true;
      const account = await createAccount({ email, password, role: isAdmin ? "admin" : "member" });
      console.log(`created ${isAdmin ? "admin" : "user"} ${account.email}`);
      return;
    }
    case "user role": {
      const { values, positionals } = options(rest, { email: { type: "string" } });
      const email = need(values, "email");
      const role = positionals[0];
      if (role !== "admin" && role !== "member") throw new UsageError("user role takes admin or member");
      await prepare();
      const { getAccountByEmail } = await import("@/lib/accounts/accounts");
      const { updateRole } = await import("@/lib/accounts/roles");
      const status = await updateRole((await getAccountByEmail(email)).id, role);
      console.log(`${status.email} is now ${status.role === "admin" ? "an admin" : "a member"}`);
      return;
    }
    case "user disable":
    case "user enable": {
      const { values } = options(rest, { email: { type: "string" } });
      const email = need(values, "email");
      await prepare();
      const { getAccountByEmail } = await import("@/lib/accounts/accounts");
      const { updateDisabled } = await import("@/lib/accounts/roles");
      const status = await updateDisabled((await getAccountByEmail(email)).id, action === "disable");
      console.log(
        status.isDisabled
          ? `disabled ${status.email}: it cannot sign in, and its sessions and API keys have stopped`
          : `enabled ${status.email}`,
      );
      return;
    }
    case "user limits": {
      const { values } = options(rest, {
        email: { type: "string" },
        limit: { type: "string" },
        "limit-reset": { type: "string" },
        models: { type: "string" },
        providers: { type: "string" },
        zdr: { type: "boolean" },
        rpm: { type: "string" },
        clear: { type: "boolean" },
      });
      const email = need(values, "email");
      const given = Object.keys(values).filter((name) => name !== "email" && name !== "clear");
      if (values.clear === true && given.length > 0)
        throw new UsageError("--clear removes every limit: give it alone, or give the limits to set");
      const limits = values.clear === true ? NO_LIMITS : given.length > 0 ? limitOptions(values) : null;
      await prepare();
      const { getAccountByEmail } = await import("@/lib/accounts/accounts");
      const { getAccountLimits, setAccountLimits } = await import("@/lib/accounts/limits");
      const account = await getAccountByEmail(email);
      const shown = limits === null ? await getAccountLimits(account.id) : await setAccountLimits(account.id, limits);
      console.log(describeLimits(account.email, shown));
      return;
    }
    case "signup open":
    case "signup invite":
    case "signup closed": {
      options(rest, {});
      await prepare();
      const { updateSignupMode } = await import("@/lib/instance/settings");
      const settings = await updateSignupMode(action);
      console.log(`sign-up is now ${settings.signupMode}`);
      return;
    }
    case "invite create": {
      const { values } = options(rest, { "expires-days": { type: "string" } });
      const raw = values["expires-days"];
      const days = raw === undefined ? undefined : Number(raw);
      if (days !== undefined && !/^\d+$/.test(String(raw)))
        throw new UsageError("--expires-days takes a whole number of days");
      await prepare();
      const { createInvitation } = await import("@/lib/accounts/invitations");
      const { link } = await createInvitation(null, days);
      process.stdout.write(`${link}\n`);
      return;
    }
    case "policy set": {
      const { values } = options(rest, {
        "no-train-paid": { type: "boolean" },
        "no-train-free": { type: "boolean" },
        zdr: { type: "boolean" },
        ignore: { type: "string" },
        models: { type: "string" },
        regions: { type: "string" },
        "max-retention-days": { type: "string" },
        "max-policy-age-days": { type: "string" },
      });
      const split = (value: string) =>
        value
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
      const models = values.models === undefined ? [] : split(values.models);
      const regions = values.regions === undefined ? [] : split(values.regions);
      const maxRetentionDays = daysOption(values["max-retention-days"]) ?? null;
      const maxPolicyAgeDays = daysOption(values["max-policy-age-days"], "max-policy-age-days") ?? null;
      await prepare();
      const { updatePolicyFloor } = await import("@/lib/instance/settings");
      const { getCatalog } = await import("@/lib/catalog/store");
      const catalog = await getCatalog();
      const settings = await updatePolicyFloor(
        {
          noTrainingPaid: values["no-train-paid"] === true,
          noTrainingFree: values["no-train-free"] === true,
          zdrOnly: values.zdr === true,
          ignoredProviders: values.ignore === undefined ? [] : split(values.ignore),
          allowedModels: models.length === 0 ? null : models,
          allowedDataRegions: regions.length === 0 ? null : regions,
          maxRetentionDays,
          maxPolicyAgeDays,
        },
        { providers: new Set(catalog.providerBySlug.keys()), models: new Set(catalog.modelById.keys()) },
      );
      console.log(describeFloor(settings.floor));
      return;
    }
    case "policy show": {
      options(rest, {});
      await prepare();
      const { getInstanceSettings } = await import("@/lib/instance/settings");
      const settings = await getInstanceSettings();
      console.log(describeFloor(settings.floor));
      console.log(`sign-up: ${settings.signupMode}${settings.isSignupModeDefault ? " (the default for HOST)" : ""}`);
      return;
    }
    case "user set-password": {
      const { values } = options(rest, { email: { type: "string" } });
      const email = need(values, "email");
      const password = await readPassword();
      if (password === "")
        throw new UsageError(
          "no password on stdin: pipe it in, e.g. printf '%s\\n' \"$P\" | privet user set-password --email E",
        );
      await prepare();
      const { setPassword } = await import("@/lib/accounts/password");
      const account = await setPassword(email, password);
      console.log(`set a new password for ${account.email}; every session signed in before has ended`);
      return;
    }
    case "key create": {
      const { values } = options(rest, {
        email: { type: "string" },
        name: { type: "string" },
        limit: { type: "string" },
        "limit-reset": { type: "string" },
        models: { type: "string" },
        providers: { type: "string" },
        zdr: { type: "boolean" },
        expires: { type: "string" },
        rpm: { type: "string" },
        regions: { type: "string" },
      });
      const email = need(values, "email");
      const guardrails = keyGuardrailOptions(values);
      await prepare();
      const { getAccountByEmail } = await import("@/lib/accounts/accounts");
      const { createApiKey } = await import("@/lib/keys/api-keys");
      const account = await getAccountByEmail(email);
      const { key } = await createApiKey(account.id, values.name ?? "CLI key", { guardrails });
      process.stdout.write(`${key}\n`);
      return;
    }
    case "key revoke": {
      const { values } = options(rest, { email: { type: "string" }, prefix: { type: "string" } });
      const email = need(values, "email");
      const prefix = need(values, "prefix");
      await prepare();
      const { getAccountByEmail } = await import("@/lib/accounts/accounts");
      const { revokeApiKeyByPrefix } = await import("@/lib/keys/api-keys");
      const account = await getAccountByEmail(email);
      const info = await revokeApiKeyByPrefix(account.id, prefix);
      console.log(`revoked key ${info.prefix}… (${info.name})`);
      return;
    }
    case "settings set": {
      const spec = {
        email: { type: "string" },
        "prompt-logging": { type: "string" },
        "train-paid": { type: "string" },
        "train-free": { type: "string" },
        zdr: { type: "string" },
        ignore: { type: "string" },
        regions: { type: "string" },
        "max-retention-days": { type: "string" },
        "max-policy-age-days": { type: "string" },
      } as const;
      const { values } = options(rest, spec);
      const email = need(values, "email");
      const patch = {
        promptLogging: onOff(values["prompt-logging"], "prompt-logging"),
        allowTrainingPaid: onOff(values["train-paid"], "train-paid"),
        allowTrainingFree: onOff(values["train-free"], "train-free"),
        zdrOnly: onOff(values.zdr, "zdr"),
        ignoredProviders:
          values.ignore === undefined
            ? undefined
            : values.ignore
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
        allowedDataRegions:
          values.regions === undefined
            ? undefined
            : values.regions
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
        maxRetentionDays: daysOption(values["max-retention-days"]),
        maxPolicyAgeDays: daysOption(values["max-policy-age-days"], "max-policy-age-days"),
      };
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(defined).length === 0) throw new UsageError("nothing to set: give at least one setting option");
      await prepare();
      const { getAccountByEmail } = await import("@/lib/accounts/accounts");
      const { updateAccountSettings } = await import("@/lib/privacy/settings");
      const { getCatalog } = await import("@/lib/catalog/store");
      const account = await getAccountByEmail(email);
      if (defined.ignoredProviders) {
        const known = (await getCatalog()).providerBySlug;
        const unknown = (defined.ignoredProviders as string[]).filter((slug) => !known.has(slug));
        if (unknown.length > 0) throw new AppError("bad_request", `unknown provider: ${unknown.join(", ")}`);
      }
      const settings = await updateAccountSettings(account.id, defined);
      const show = (b: boolean) => (b ? "on" : "off");
      console.log(
        `settings for ${account.email}: prompt-logging ${show(settings.promptLogging)}, train-paid ${show(settings.allowTrainingPaid)}, ` +
          `train-free ${show(settings.allowTrainingFree)}, zdr ${show(settings.zdrOnly)}, ignore [${settings.ignoredProviders.join(",")}], ` +
          `regions ${settings.allowedDataRegions === null ? "any" : `[${settings.allowedDataRegions.join(",")}]`}, ` +
          `max-retention-days ${settings.maxRetentionDays ?? "any"}, max-policy-age-days ${settings.maxPolicyAgeDays ?? "any"}`,
      );
      return;
    }
    case "catalog load": {
      options(rest, {});
      await prepare();
      const { loadCatalogIntoDatabase, catalogPath } = await import("@/lib/catalog/load");
      const file = rest[0] ? path.resolve(rest[0]) : catalogPath();
      if (!fs.existsSync(file)) throw new AppError("not_found", `no such file: ${file}`);
      const summary = await loadCatalogIntoDatabase(file);
      // Each warning was written to stderr as the catalog loaded.
      const warned =
        summary.warnings.length === 0
          ? ""
          : `; ${summary.warnings.length} warning${summary.warnings.length === 1 ? "" : "s"} above`;
      console.log(
        `loaded ${summary.providers} providers, ${summary.models} models, ${summary.endpoints} endpoints (${summary.routable} routable) from ${file}${warned}`,
      );
      return;
    }
    case "purge": {
      options(rest, {});
      await prepare();
      const { describePurge, purgeExclusively } = await import("@/lib/privacy/purge");
      // Another instance's purge holds the lock: wait for it, then purge what is left.
      const result = await purgeExclusively({
        shouldWait: true,
        onWait: () => console.log("a purge is running on another instance; waiting for it to finish…"),
      });
      console.log(describePurge(result!));
      return;
    }
    case "keys rewrap": {
      options(rest, {});
      await prepare();
      const { describeKeyUpgrade, upgradeContentEncryption } = await import("@/lib/content/keys");
      const result = await upgradeContentEncryption();
      if (result.unreadable > 0) throw new AppError("internal", describeKeyUpgrade(result));
      console.log(describeKeyUpgrade(result));
      return;
    }
    case "db migrate": {
      options(rest, {});
      await prepare();
      console.log("migrations applied");
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

run(process.argv.slice(2))
  .then(async () => {
    await disconnect();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    await disconnect();
    if (error instanceof UsageError) {
      console.error(`privet: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    console.error(`privet: ${message}`);
    process.exit(1);
  });

async function disconnect() {
  if (!process.env.DATABASE_URL) return;
  try {
    const { db } = await import("@/lib/db");
    await db.$disconnect();
  } catch {
    // nothing to close
  }
}
