// Helpers for the activity specs: accounts made with the admin CLI (for the request-only project),
// sessions signed in over HTTP, and chat requests whose generation ids the tests then look for.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "./accounts";

/** Runs `privet …` against the running e2e server's database and data directory; `input` is its stdin. */
export function privetCli(args: string[], input?: string): string {
  const dataDir = process.env.PRIVET_E2E_DATA_DIR!;
  return execFileSync(process.execPath, [path.join(process.cwd(), "bin", "privet.mjs"), ...args], {
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
    env: {
      ...process.env,
      PRIVET_DATA_DIR: dataDir,
      DATABASE_URL: process.env.PRIVET_E2E_DATABASE_URL!,
      NO_COLOR: "1",
    },
  }).trim();
}

export type TCliUser = { email: string; password: string; key: string };

/** A fresh account with one API key, made through the CLI (no browser needed). */
export function createUserWithKey(label: string, options: { promptLogging?: boolean } = {}): TCliUser {
  const email = uniqueEmail(label);
  privetCli(["user", "create", "--email", email, "--password", PASSWORD]);
  if (options.promptLogging) privetCli(["settings", "set", "--email", email, "--prompt-logging", "on"]);
  const key = privetCli(["key", "create", "--email", email, "--name", `${label} key`]);
  return { email, password: PASSWORD, key };
}

/** Signs a request context in through next-auth's credentials endpoint; its cookies then carry the session. */
export async function signInRequest(request: APIRequestContext, email: string, password = PASSWORD): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
}

export type TChatResult = {
  status: number;
  id: string;
  provider: string | null;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    cost: number;
    completion_tokens_details?: { reasoning_tokens: number };
  } | null;
};

/** One chat request through the API with the key; returns its generation id and usage. */
export async function chatRequest(
  request: APIRequestContext,
  key: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<TChatResult> {
  const res = await request.post("/api/v1/chat/completions", {
    headers: { authorization: `Bearer ${key}`, ...headers },
    data: { messages: [{ role: "user", content: "Say hello to the activity page." }], ...body },
  });
  const json = (await res.json()) as { usage?: TChatResult["usage"] };
  const id = res.headers()["x-privet-generation-id"];
  expect(id, "every response names its generation").toBeTruthy();
  return {
    status: res.status(),
    id: id!,
    provider: res.headers()["x-privet-provider"] ?? null,
    usage: json.usage ?? null,
  };
}

/** Parses the activity CSV export into rows keyed by header. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.trimEnd().split("\r\n");
  const header = lines[0]!.split(",");
  return lines.slice(1).map((line) => {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") {
        cells.push(cell);
        cell = "";
      } else cell += c;
    }
    cells.push(cell);
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""]));
  });
}
