// Path templates of the route table (`/api/v1/models/{author}/{slug}/endpoints`) as the regular
// expressions the router tests a request's path with. Pure.

export type TPathMatcher = {
  /** Matches a whole path; group i captures parameter names[i - 1], still percent-encoded. */
  pattern: RegExp;
  names: string[];
};

const PARAMETER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function compilePathTemplate(template: string): TPathMatcher {
  const names: string[] = [];
  let source = "";
  let last = 0;
  for (const match of template.matchAll(PARAMETER)) {
    source += template.slice(last, match.index).replace(SPECIAL, "\\$&") + "([^/]+)";
    names.push(match[1]!);
    last = match.index + match[0].length;
  }
  source += template.slice(last).replace(SPECIAL, "\\$&");
  return { pattern: new RegExp(`^${source}$`), names };
}
