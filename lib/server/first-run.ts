// What `npm start` prints once the server is ready: where to go, how the first account is made and,
// when no provider can be called, how to configure one or try the demo. Pure, so the wording is
// unit-tested; start.ts gathers the facts.

export type TStartFacts = {
  /** The URL people open (the public URL when set, else the listening address). */
  url: string;
  hasAccounts: boolean;
  /** Endpoints whose provider key is set (or that need none). */
  routableEndpoints: number;
  /** The catalog's key variables, those serving the most models first (keyVariablesByReach). */
  keyVariables: readonly string[];
  isDemo: boolean;
  /** The data directory, named in demo mode (kept apart from a real install's). */
  dataDir: string;
  /** The catalog file, where every provider's key variable is named. */
  catalogFile: string;
};

/** How many key variables the hint names before "and N more". */
const KEYS_NAMED = 6;

export function startLines(facts: TStartFacts): string[] {
  const lines: string[] = [];
  if (facts.isDemo) {
    lines.push(
      `demo mode: every provider is played by the built-in mock upstream, no key needed; demo accounts and activity live in ${facts.dataDir}, apart from a real install's`,
    );
  }
  if (facts.hasAccounts) lines.push(`open ${facts.url} in your browser`);
  else {
    lines.push(
      `open ${facts.url}/sign-up in your browser to create the first account (or, to make it this Privet's admin: npx privet user create --email you@example.com --password … --admin)`,
    );
  }
  if (facts.routableEndpoints === 0 && !facts.isDemo) {
    const [example = "OPENAI_API_KEY"] = facts.keyVariables;
    const named = facts.keyVariables.slice(0, KEYS_NAMED);
    const more = facts.keyVariables.length - named.length;
    lines.push("no provider is configured yet, so no model can answer a message. Either:");
    lines.push(`  set a provider's key and restart, e.g. ${example}=… npm start`);
    if (named.length > 0) {
      lines.push(
        `    (keys this catalog reads: ${named.join(", ")}${more > 0 ? ` and ${more} more, each provider's apiKeyEnv in ${facts.catalogFile}` : ""})`,
      );
    }
    lines.push("  or try Privet with demo providers and no key: npm run demo");
  }
  return lines;
}
