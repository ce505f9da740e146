// The wording of a refused chat completion request: which field, and what it must be. A message
// names the field and the rule and never repeats what the client sent: any string in the body may
// be prompt text (PRODUCT.md rule 1). That is why messages are built here from the issue's code
// instead of taken from zod. The schema itself is in chat-schema.ts.
import type { z } from "zod";

/** The first problem of a refused request: its dotted path and one sentence about it. */
export type TFieldError = { field: string; message: string };

/** What the wording needs to know about the schema. */
export type TWordingContext = {
  /** Top-level field → its rank; the first field in this order is the one reported. */
  fieldOrder: ReadonlyMap<string, number>;
  /** The fields `provider` allows, named when it holds an unknown one. */
  providerFields: readonly string[];
};

export const MODEL_REQUIRED = "is required (or models, a list of models to try in order)";

/** Object keys the client chose (record keys, unknown keys) appear in paths only when they are plain names. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

type TIssue = z.core.$ZodIssue;
type TPath = readonly PropertyKey[];

function formatPath(path: TPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out.length === 0 ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function valueAt(root: unknown, path: TPath): unknown {
  let v = root;
  for (const seg of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "an array",
  object: "an object",
  record: "an object",
  null: "null",
};

function literal(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

/** A sentence about the field, from the schema's side of the issue only (never the input). */
function describe(issue: TIssue, isMissing: boolean): string {
  switch (issue.code) {
    case "invalid_type":
      if (isMissing) return "is required";
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "array") return min === 1 ? "must not be empty" : `must have at least ${min} items`;
      if (issue.origin === "string") return min === 1 ? "must not be empty" : `must have at least ${min} characters`;
      return issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "array") return `must have at most ${max} items`;
      if (issue.origin === "string") return `must have at most ${max} characters`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${literal(issue.values[0])}`
        : `must be one of ${issue.values.map(literal).join(", ")}`;
    case "invalid_union":
      if (issue.discriminator !== undefined && "options" in issue && issue.options) {
        return `must be one of ${issue.options.map(literal).join(", ")}`;
      }
      // Our unions carry their own message; zod's default ("Invalid input") is generic.
      return issue.message && issue.message !== "Invalid input" ? issue.message : "has an invalid value";
    case "invalid_format":
      return "is not in the expected format";
    case "custom":
      // Only chat-schema.ts raises custom issues, with messages that never include input.
      return issue.message;
    default:
      return "has an invalid value";
  }
}

/**
 * When every branch of a union but one failed on the value's type, that branch is what the client
 * meant (an array of parts with one bad part): report its first problem, deeper and clearer.
 */
function unwrapUnion(issue: TIssue): TIssue {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue;
  const meant = issue.errors.filter(
    (branch) => !branch.every((sub) => sub.path.length === 0 && sub.code === "invalid_type"),
  );
  const [only, ...others] = meant;
  const inner = only?.[0];
  if (inner === undefined || others.length > 0) return issue;
  return unwrapUnion({ ...inner, path: [...issue.path, ...inner.path] } as TIssue);
}

function toError(issue: TIssue, json: unknown, providerFields: readonly string[]): TFieldError {
  let path: TPath = issue.path;
  // logit_bias keys are client-chosen: name the object, not the key.
  if (path[0] === "logit_bias") {
    return { field: "logit_bias", message: "must map token ids to numbers between -100 and 100" };
  }
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys.find((k) => PLAIN_KEY.test(k));
    const where = formatPath(path) || "body";
    const allowed = path.length === 1 && path[0] === "provider" ? ` (allowed: ${providerFields.join(", ")})` : "";
    if (key === undefined) return { field: where, message: `contains an unknown field${allowed}` };
    path = [...path, key];
    return { field: formatPath(path), message: `is not a recognized field of ${where}${allowed}` };
  }
  if (path.length === 0) return { field: "body", message: "must be a JSON object" };
  if (path.length === 1 && path[0] === "n")
    return { field: "n", message: "must be 1: Privet returns one choice per request" };
  const isMissing = issue.code === "invalid_type" && valueAt(json, path) === undefined;
  return { field: formatPath(path), message: describe(issue, isMissing) };
}

/** The error to report for a refused body: the first issue in schema order, worded by Privet. */
export function firstFieldError(issues: readonly TIssue[], json: unknown, context: TWordingContext): TFieldError {
  const { fieldOrder } = context;
  const rank = (issue: TIssue): number => {
    const top = issue.path[0];
    return typeof top === "string" ? (fieldOrder.get(top) ?? fieldOrder.size) : -1;
  };
  // Stable sort: within one top-level field, zod's own order (array index, then key) holds.
  const [first] = issues
    .map((issue, i) => ({ issue: unwrapUnion(issue), i }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i);
  // zod reports at least one issue whenever parsing fails.
  return first
    ? toError(first.issue, json, context.providerFields)
    : { field: "body", message: "has an invalid value" };
}
