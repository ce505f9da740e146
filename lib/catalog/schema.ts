// The on-disk catalog format (catalog/*.json, PRIVET_CATALOG) and its validation.
// The catalog decides where prompts may go, so a bad file is refused whole, with every problem
// listed at once: an operator fixing one error per restart would be tempted to loosen things.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import {
  DATA_REGION_PATTERN,
  INPUT_MODALITIES,
  MODEL_OUTPUTS,
  PROVIDER_APIS,
  PROVIDER_SLUG_PATTERN,
  QUANTIZATIONS,
} from "@/lib/vocabulary";

// Lowercase ids, as clients expect; dots appear in real ids ("llama-3.3-70b-instruct").
const MODEL_ID_RE = /^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*(:free)?$/;
const ENV_NAME_RE = /^[A-Z][A-Z0-9_]*$/;
const RESERVED_ENV_RE = /^(PRIVET_|AUTH_|NEXTAUTH_|DATABASE_URL$)/;
const COUNTRY_RE = /^[A-Z]{2}$/;
const PARAMETER_RE = /^[a-z][a-z0-9_]*$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_RE = /^(early|mid|late)-\d{4}$/;

function isCheckedAt(value: string): boolean {
  if (PERIOD_RE.test(value)) return true;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const ZHttpUrl = z.string().refine(isHttpUrl, { error: "expected an http(s) URL" });

/**
 * Every field is optional: an absent field is *unknown* (null), and the policy engine treats
 * unknown as unsafe (PRODUCT.md rule 5). An explicit null also means unknown; on an endpoint it
 * overrides the provider's value, which is how an endpoint says "not known for this endpoint".
 */
export const ZDataPolicyEntry = z.strictObject({
  training: z.boolean().nullable().optional(),
  retainsPrompts: z.boolean().nullable().optional(),
  retentionDays: z
    .number()
    .refine((n) => Number.isInteger(n) && n >= 0, { error: "expected a whole number of days, 0 or more" })
    .nullable()
    .optional(),
  zdr: z.boolean().nullable().optional(),
  canPublish: z.boolean().nullable().optional(),
  termsUrl: ZHttpUrl.nullable().optional(),
  privacyUrl: ZHttpUrl.nullable().optional(),
  checkedAt: z
    .string()
    .refine(isCheckedAt, { error: 'expected a date "YYYY-MM-DD" or a period such as "late-2025"' })
    .nullable()
    .optional(),
});

/** What a provider key's variable is called; any other variable would be posted to a provider as its key. */
const PROVIDER_KEY_ENV_RE = /_(API_KEY|KEY|TOKEN)$/;

export const ZProviderEntry = z.strictObject({
  slug: z.string().regex(PROVIDER_SLUG_PATTERN, { error: "expected a slug of lowercase letters, digits and dashes" }),
  name: z.string().trim().min(1, { error: "expected a non-empty name" }),
  api: z.enum(PROVIDER_APIS),
  baseUrl: ZHttpUrl,
  // null or absent: the server needs no key (a local Ollama, vLLM, llama.cpp).
  apiKeyEnv: z
    .string()
    // The variable's value is sent to baseUrl, so a catalog copied from elsewhere must not be able
    // to name anything but a provider key: not Privet's own secrets, not REDIS_URL or a password.
    .superRefine((name, ctx) => {
      const problem = !ENV_NAME_RE.test(name)
        ? "expected an environment variable name such as TOGETHER_API_KEY"
        : RESERVED_ENV_RE.test(name)
          ? "names one of Privet's own settings, not a provider key"
          : !PROVIDER_KEY_ENV_RE.test(name)
            ? "expected a provider key's name, ending in _API_KEY, _KEY or _TOKEN (its value is sent to baseUrl)"
            : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .nullable()
    .default(null),
  headquarters: z
    .string()
    .regex(COUNTRY_RE, { error: 'expected a two-letter country code such as "US"' })
    .nullable()
    .default(null),
  // Where prompts are processed: countries, or "EU" for somewhere in the EU. Absent or null is
  // unknown, and unknown is outside every region a request or an account allows.
  dataRegions: z
    .array(z.string().regex(DATA_REGION_PATTERN, { error: 'expected a two-letter country code such as "US", or "EU"' }))
    .min(1, { error: "expected at least one region, or null when unknown" })
    .refine((list) => new Set(list).size === list.length, { error: "lists a region twice" })
    .nullable()
    .default(null),
  dataPolicy: ZDataPolicyEntry.default(() => ({})),
});

export const ZPricingEntry = z.strictObject({
  prompt: z.number().nonnegative({ error: "expected a non-negative price (USD per million tokens)" }),
  completion: z.number().nonnegative({ error: "expected a non-negative price (USD per million tokens)" }),
  request: z.number().nonnegative({ error: "expected a non-negative price (USD per request)" }).default(0),
  cacheRead: z
    .number()
    .nonnegative({ error: "expected a non-negative price (USD per million cached prompt tokens)" })
    .nullable()
    .default(null),
  cacheWrite: z
    .number()
    .nonnegative({ error: "expected a non-negative price (USD per million prompt tokens written to the cache)" })
    .nullable()
    .default(null),
});

// Not `.int()`: a failed `.int()` aborts the whole parse, which would hide the cross-reference checks.
const ZTokenCount = z
  .number()
  .refine((n) => Number.isInteger(n) && n > 0, { error: "expected a positive whole number of tokens" });

export const ZEndpointEntry = z.strictObject({
  provider: z.string().regex(PROVIDER_SLUG_PATTERN, { error: "expected a provider slug" }),
  upstreamModel: z.string().trim().min(1, { error: "expected the model name the provider's API uses" }),
  pricing: ZPricingEntry,
  quantization: z.enum(QUANTIZATIONS).nullable().default(null),
  supportedParameters: z
    .array(z.string().regex(PARAMETER_RE, { error: "expected an OpenAI parameter name such as max_tokens" }))
    .refine((list) => new Set(list).size === list.length, { error: "lists a parameter twice" })
    .default(() => []),
  free: z.boolean().default(false),
  contextLength: ZTokenCount.nullable().default(null),
  maxOutputTokens: ZTokenCount.nullable().default(null),
  dataPolicy: ZDataPolicyEntry.default(() => ({})),
});

export const ZModelEntry = z.strictObject({
  id: z.string().regex(MODEL_ID_RE, {
    error: 'expected a model id "author/slug" (lowercase), optionally ending in ":free"',
  }),
  name: z.string().trim().min(1, { error: "expected a non-empty name" }),
  contextLength: ZTokenCount,
  description: z.string().nullable().default(null),
  output: z.enum(MODEL_OUTPUTS).default("text"),
  // What the model reads besides text; absent or null is unknown, and unknown is text only: a
  // request with an image, a file or audio never goes to a model not known to read it.
  inputModalities: z
    .array(z.enum(INPUT_MODALITIES))
    .refine((list) => new Set(list).size === list.length, { error: "lists a modality twice" })
    .refine((list) => list.includes("text"), { error: 'expected a list that includes "text"' })
    .nullable()
    .default(null),
  endpoints: z.array(ZEndpointEntry).min(1, { error: "a model needs at least one endpoint" }),
});

const ZCatalogShape = z.strictObject({
  // JSON has no comments; this gives operators a place for one.
  $comment: z.string().optional(),
  providers: z.array(ZProviderEntry),
  models: z.array(ZModelEntry),
});

export const ZCatalogFile = ZCatalogShape.superRefine(
  (value, ctx) => {
    for (const issue of crossCheck(value)) {
      ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message, input: undefined });
    }
  },
  // Run even when some fields are malformed, so one pass reports everything; crossCheck reads
  // the raw value defensively.
  { when: () => true },
);

export type TDataPolicyEntry = z.output<typeof ZDataPolicyEntry>;
export type TProviderEntry = z.output<typeof ZProviderEntry>;
export type TPricingEntry = z.output<typeof ZPricingEntry>;
export type TCatalogFile = z.output<typeof ZCatalogFile>;
/** What an operator may write (defaults not yet applied). */
export type TCatalogFileInput = z.input<typeof ZCatalogFile>;

export type TCatalogIssue = { path: string; message: string };

/** A provider's key would go to a host the bundled catalog never sends it to. */
function belongsTo(host: string, bundledHost: string): boolean {
  if (host === bundledHost) return true;
  // The bundled catalog's placeholders (your-resource.openai.azure.com) stand for any such name.
  const dot = bundledHost.indexOf(".");
  return (
    bundledHost.startsWith("your-") &&
    dot > 0 &&
    host.endsWith(bundledHost.slice(dot)) &&
    host.length > bundledHost.length - dot
  );
}

/**
 * Warnings for keys a catalog would send where they do not belong: a provider whose slug or
 * `apiKeyEnv` the bundled catalog knows, with a `baseUrl` on a host none of the bundled providers
 * of that slug or key use (OPENAI_API_KEY sent anywhere but api.openai.com). Not an error: a
 * proxy or a regional host can be meant; the operator is told at every load.
 */
export function keyDestinationWarnings(catalog: TCatalogFile, bundled: TCatalogFile): string[] {
  const warnings: string[] = [];
  for (const provider of catalog.providers) {
    if (provider.apiKeyEnv === null) continue;
    const host = new URL(provider.baseUrl).hostname;
    const known = new Set(
      bundled.providers
        .filter((b) => b.slug === provider.slug || b.apiKeyEnv === provider.apiKeyEnv)
        .map((b) => new URL(b.baseUrl).hostname),
    );
    if (known.size === 0 || [...known].some((bundledHost) => belongsTo(host, bundledHost))) continue;
    warnings.push(
      `provider "${provider.slug}" sends ${provider.apiKeyEnv} to ${host}, but the bundled catalog sends it only to ${[...known].join(", ")}; check that this host should have that key`,
    );
  }
  return warnings;
}

export class CatalogError extends Error {
  readonly source: string;
  readonly issues: TCatalogIssue[];

  constructor(source: string, issues: TCatalogIssue[]) {
    const n = issues.length;
    const lines = issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`);
    super(`Invalid catalog ${source}: ${n} problem${n === 1 ? "" : "s"}\n${lines.join("\n")}`);
    this.name = "CatalogError";
    this.source = source;
    this.issues = issues;
  }
}

/** Validates a parsed JSON value; throws CatalogError listing every problem. */
export function parseCatalog(json: unknown, source: string): TCatalogFile {
  const result = ZCatalogFile.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const raw = result.error.issues.flatMap(describeIssue);
  // Group by entity (providers[3] before providers[4] before models[0]); the sort is stable, so
  // within one entity the problems keep zod's field order, cross-reference checks last.
  raw.sort((a, b) => compareKeys(sortKey(a.path), sortKey(b.path)));
  const seen = new Set<string>();
  const issues: TCatalogIssue[] = [];
  for (const { path, message } of raw) {
    const issue = { path: formatPath(path), message };
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  throw new CatalogError(source, issues);
}

/** Reads and validates a catalog file; unreadable files and JSON syntax errors are CatalogErrors too. */
export async function readCatalogFile(filePath: string): Promise<TCatalogFile> {
  let text: string;
  try {
    text = await readFile(filePath, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : String(error);
    throw new CatalogError(filePath, [{ path: "", message: `cannot read the file (${reason})` }]);
  }
  let json: unknown;
  const body = text.replace(/^\uFEFF/, "");
  try {
    json = JSON.parse(body);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
    const shown = detail.length > 160 ? `${detail.slice(0, 160)}…` : detail;
    throw new CatalogError(filePath, [{ path: "", message: `invalid JSON${locate(body)}: ${shown}` }]);
  }
  return parseCatalog(json, filePath);
}

// Operators edit the file by hand and think in lines; V8's messages give at most an offset.
function locate(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset < 0) return "";
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return ` at line ${line}, column ${column}`;
}

const JSON_SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Offset of the first JSON syntax error in `text`, or -1. Only called once JSON.parse failed. */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const skipSpace = () => {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const ch = text.charAt(i);
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < " ") fail();
      i += ch === "\\" ? 2 : 1;
    }
    fail();
  };
  const value = (): void => {
    skipSpace();
    const open = text[i];
    if (open === "{" || open === "[") {
      const close = open === "{" ? "}" : "]";
      i++;
      skipSpace();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (open === "{") {
          skipSpace();
          if (text[i] !== '"') fail();
          string();
          skipSpace();
          if (text[i] !== ":") fail();
          i++;
        }
        value();
        skipSpace();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (open === '"') return string();
    JSON_SCALAR.lastIndex = i;
    const m = JSON_SCALAR.exec(text);
    if (!m) fail();
    else i += m[0].length;
  };
  try {
    value();
    skipSpace();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    if (typeof at === "number") return at;
    throw at;
  }
}

// ---------------------------------------------------------------------------------------------
// Issue formatting

type TPath = readonly PropertyKey[];
type TRawIssue = { path: TPath; message: string };

/** `["providers", 3, "dataPolicy", "training"]` → `providers[3].dataPolicy.training` */
export function formatPath(path: TPath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value;
}

const SECTION_RANK: Record<string, number> = { $comment: 0, providers: 1, models: 2 };

function sortKey(path: TPath): number[] {
  const head = path[0];
  const rank = head === undefined ? -1 : (SECTION_RANK[String(head)] ?? 3);
  return [rank, ...path.filter((k): k is number => typeof k === "number")];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function describeIssue(issue: z.core.$ZodIssue): TRawIssue[] {
  const path = issue.path;
  switch (issue.code) {
    case "invalid_type": {
      const expected = issue.expected === "int" ? "integer" : issue.expected;
      if (issue.input === undefined) return [{ path, message: `missing (expected ${expected})` }];
      if (expected === "number" && typeof issue.input === "number") {
        return [{ path, message: `expected a finite number, got ${String(issue.input)}` }];
      }
      return [{ path, message: `expected ${expected}, got ${describeValue(issue.input)}` }];
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: [...path, key], message: "unknown field" }));
    case "invalid_value": {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
      return [{ path, message: `expected one of ${allowed}, got ${describeValue(issue.input)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

// ---------------------------------------------------------------------------------------------
// Cross-reference and consistency checks. They read the raw value defensively (it may be
// malformed elsewhere) and only judge fields that have the right type; zod reports the rest.

type TRecord = Record<string, unknown>;
type TRawPolicy = {
  training?: boolean | null;
  retainsPrompts?: boolean | null;
  retentionDays?: number | null;
  zdr?: boolean | null;
};

const isRecord = (v: unknown): v is TRecord => typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function rawPolicy(value: unknown): TRawPolicy {
  const out: TRawPolicy = {};
  if (!isRecord(value)) return out;
  for (const key of ["training", "retainsPrompts", "zdr"] as const) {
    const v = value[key];
    if (typeof v === "boolean" || v === null) out[key] = v;
  }
  const days = value.retentionDays;
  if (isNumber(days) || days === null) out.retentionDays = days;
  return out;
}

/** Policies that say two incompatible things; the router would honour whichever field it read. */
function contradictions(p: TRawPolicy): { field: keyof TRawPolicy; message: string }[] {
  const out: { field: keyof TRawPolicy; message: string }[] = [];
  if (p.zdr === true && p.training === true) {
    out.push({ field: "zdr", message: "zdr is true but training is true (zero retention never trains)" });
  }
  if (p.zdr === true && p.retainsPrompts === true) {
    out.push({ field: "zdr", message: "zdr is true but retainsPrompts is true" });
  }
  if (p.zdr === true && isNumber(p.retentionDays) && p.retentionDays > 0) {
    out.push({ field: "zdr", message: `zdr is true but retentionDays is ${p.retentionDays}` });
  }
  if (p.retainsPrompts === false && isNumber(p.retentionDays)) {
    out.push({
      field: "retentionDays",
      message: `retentionDays is ${p.retentionDays} but retainsPrompts is false (use null)`,
    });
  }
  return out;
}

function crossCheck(root: unknown): TRawIssue[] {
  const issues: TRawIssue[] = [];
  if (!isRecord(root)) return issues;

  const providers = new Map<string, { index: number; policy: TRawPolicy }>();
  asArray(root.providers).forEach((provider, i) => {
    if (!isRecord(provider)) return;
    const policy = rawPolicy(provider.dataPolicy);
    for (const c of contradictions(policy)) {
      issues.push({ path: ["providers", i, "dataPolicy", c.field], message: c.message });
    }
    const slug = provider.slug;
    if (typeof slug !== "string") return;
    const first = providers.get(slug);
    if (first) {
      issues.push({
        path: ["providers", i, "slug"],
        message: `duplicate provider slug "${slug}" (also providers[${first.index}])`,
      });
    } else {
      providers.set(slug, { index: i, policy });
    }
  });

  const modelIds = new Map<string, number>();
  asArray(root.models).forEach((model, i) => {
    if (!isRecord(model)) return;
    const id = typeof model.id === "string" ? model.id : null;
    if (id !== null) {
      const first = modelIds.get(id);
      if (first !== undefined) {
        issues.push({
          path: ["models", i, "id"],
          message: `duplicate model id "${id}" (also models[${first}])`,
        });
      } else {
        modelIds.set(id, i);
      }
    }
    const isFreeModel = id?.endsWith(":free") ?? false;
    const modelContext = isNumber(model.contextLength) ? model.contextLength : null;
    const servedBy = new Map<string, number>();

    asArray(model.endpoints).forEach((endpoint, j) => {
      if (!isRecord(endpoint)) return;
      const at = (...rest: PropertyKey[]): TPath => ["models", i, "endpoints", j, ...rest];

      const slug = typeof endpoint.provider === "string" ? endpoint.provider : null;
      const provider = slug === null ? undefined : providers.get(slug);
      if (slug !== null) {
        if (!provider) issues.push({ path: at("provider"), message: `unknown provider "${slug}"` });
        const first = servedBy.get(slug);
        if (first !== undefined) {
          issues.push({
            path: at("provider"),
            message: `provider "${slug}" already serves this model (endpoints[${first}])`,
          });
        } else {
          servedBy.set(slug, j);
        }
      }

      // `free` marks the free variant, which has its own training setting
      // (PRODUCT.md rule 3), so the id and the endpoints must agree.
      const free = endpoint.free === undefined ? false : endpoint.free;
      if (typeof free === "boolean" && id !== null) {
        if (isFreeModel && !free) {
          issues.push({ path: at("free"), message: `"${id}" is a free variant: its endpoints must have free: true` });
        } else if (!isFreeModel && free) {
          issues.push({
            path: at("free"),
            message: `only ":free" models may have free endpoints ("${id}" has no ":free" suffix)`,
          });
        }
      }
      if (free === true && isRecord(endpoint.pricing)) {
        const { prompt, completion, request } = endpoint.pricing;
        if ([prompt, completion, request].some((p) => isNumber(p) && p !== 0)) {
          issues.push({ path: at("pricing"), message: "a free endpoint must cost 0" });
        }
      }

      const context = isNumber(endpoint.contextLength) ? endpoint.contextLength : modelContext;
      if (isNumber(endpoint.maxOutputTokens) && context !== null && endpoint.maxOutputTokens > context) {
        issues.push({
          path: at("maxOutputTokens"),
          message: `${endpoint.maxOutputTokens} exceeds the context length ${context}`,
        });
      }

      // Only blame the endpoint for contradictions its override introduces; the provider's
      // own ones are reported once, on the provider.
      if (provider && isRecord(endpoint.dataPolicy) && Object.keys(endpoint.dataPolicy).length > 0) {
        const own = new Set(contradictions(provider.policy).map((c) => c.message));
        const merged = { ...provider.policy, ...rawPolicy(endpoint.dataPolicy) };
        for (const c of contradictions(merged)) {
          if (own.has(c.message)) continue;
          issues.push({
            path: at("dataPolicy", c.field),
            message: `${c.message} (merged with provider "${slug}")`,
          });
        }
      }
    });
  });

  return issues;
}
