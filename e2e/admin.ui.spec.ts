// Running Privet for a team, in the browser. The sign-up mode and the accounts' roles are the whole
// instance's, so this spec starts a Privet of its own — a fresh install: its own data directory and
// database, the run's build and catalog — rather than change them under the other specs. There:
// `npm start` says how to make the first admin; a member gets 404 for /admin and for every admin
// action; an admin disables a member (sessions and keys stop, sign-in is refused); an invitation
// link makes one account, once, and not after it expired; closed sign-up refuses with a clear message.
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "./support/accounts";
import { e2eAppEnv, freePort } from "./support/app-env";
import { createPostgresDatabase, dropPostgresDatabase } from "./support/postgres";

test.describe.configure({ mode: "serial" });

/** How Next answers a server action that calls notFound(): its 404, as the action's result stream carries it. */
const NOT_FOUND = '"digest":"NEXT_HTTP_ERROR_FALLBACK;404"';

type TInstance = { url: string; dir: string; databaseUrl: string; child: ChildProcess; output: () => string };
let instance: TInstance;
const admin = { email: uniqueEmail("admin"), password: PASSWORD };
const member = { email: uniqueEmail("member"), password: PASSWORD };

function cli(args: string[]): string {
  return execFileSync(process.execPath, [path.join(process.cwd(), "bin", "privet.mjs"), ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      PRIVET_DATA_DIR: instance.dir,
      DATABASE_URL: instance.databaseUrl,
      PRIVET_PUBLIC_URL: instance.url,
      NO_COLOR: "1",
    },
  }).trim();
}

/** Runs one write on this spec's own database (never the shared run's). */
async function writeOwnDatabase(sql: string): Promise<void> {
  if (/^postgres/i.test(instance.databaseUrl)) {
    const client = new pg.Client({ connectionString: instance.databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(instance.databaseUrl.replace(/^file:/, ""));
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare(sql).run();
  } finally {
    db.close();
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "privet-e2e-admin-"));
  fs.copyFileSync(path.join(process.env.PRIVET_E2E_DATA_DIR!, "catalog.json"), path.join(dir, "catalog.json"));
  const postgresServer = process.env.PRIVET_TEST_POSTGRES_URL;
  const databaseUrl = postgresServer ? createPostgresDatabase(postgresServer) : `file:${path.join(dir, "privet.db")}`;
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      ...e2eAppEnv(port),
      PRIVET_DATA_DIR: dir,
      DATABASE_URL: databaseUrl,
      PRIVET_CATALOG: path.join(dir, "catalog.json"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  process.once("exit", () => child.kill("SIGTERM"));
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => {
      if (output.includes("[privet] ready on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the instance exited (${code}):\n${output.slice(-3000)}`)));
  });
  instance = { url: `http://127.0.0.1:${port}`, dir, databaseUrl, child, output: () => output };
});

test.afterAll(async () => {
  if (!instance) return;
  if (instance.child.exitCode === null) {
    const exited = new Promise((resolve) => instance.child.once("exit", resolve));
    instance.child.kill("SIGTERM");
    await exited;
  }
  if (process.env.PRIVET_TEST_POSTGRES_URL)
    dropPostgresDatabase(process.env.PRIVET_TEST_POSTGRES_URL, instance.databaseUrl);
  fs.rmSync(instance.dir, { recursive: true, force: true });
});

async function signIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance.url });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByLabel("Password").press("Enter");
  await page.waitForURL((url) => url.pathname === "/chat");
  return page;
}

/** The build's id for a server action. */
function actionId(exportedName: string, filename = "app/(app)/admin/actions.ts"): string {
  const dist = path.join(process.cwd(), process.env.PRIVET_DIST_DIR || ".next");
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, e]) => e.filename === filename && e.exportedName === exportedName,
  );
  if (!found) throw new Error(`no action ${exportedName}`);
  return found[0];
}

test("a fresh install: npm start tells the operator how to make the first admin", () => {
  expect(instance.output()).toContain("no admin yet");
  expect(instance.output()).toContain("privet user create");
  expect(instance.output()).toContain("--admin");
  // On a loopback address sign-up starts open, so the two-command start still works.
  expect(instance.output()).toContain("sign-up: open");
  cli(["user", "create", "--email", admin.email, "--password", admin.password, "--admin"]);
  cli(["user", "create", "--email", member.email, "--password", member.password]);
});

test("a member gets 404 for every admin page and every admin action, and sees no Admin link", async ({ browser }) => {
  const page = await signIn(browser, member);
  await page.getByRole("button", { name: "Account menu" }).click();
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Privacy settings" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Admin" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/invitations", "/admin/instance", "/admin/catalog"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
  }
  const actions: [string, unknown][] = [
    ["updateUserRoleAction", { userId: "any", role: "admin" }],
    ["updateUserDisabledAction", { userId: "any", isDisabled: true }],
    ["deleteUserAction", { userId: "any" }],
    ["createInvitationAction", { expiresInDays: 7 }],
    ["deleteInvitationAction", { id: "any" }],
    ["updateSignupModeAction", { mode: "open" }],
    ["updatePolicyFloorAction", { zdrOnly: true }],
  ];
  for (const [name, input] of actions) {
    const res = await page.request.post("/settings/privacy", {
      headers: {
        "next-action": actionId(name),
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        origin: instance.url,
      },
      data: JSON.stringify([input]),
      maxRedirects: 0,
    });
    // Next answers an action that calls notFound() with its 404 marker in the action's stream (the
    // browser then shows the not-found page) and no result: the action ran nothing.
    const text = await res.text();
    expect(text, name).toContain(NOT_FOUND);
    expect(text, name).not.toContain('"ok"');
  }
  // Nothing changed: no invitation made, the floor and the member's role as they were.
  expect(cli(["policy", "show"])).toContain("ZDR only not required");
  await page.context().close();
});

test("an admin disables a member on /admin: signed out at once, API key refused, sign-in refused", async ({
  browser,
}) => {
  const key = cli(["key", "create", "--email", member.email, "--name", "member key"]);
  const memberPage = await signIn(browser, member);
  const adminPage = await signIn(browser, admin);
  await adminPage.getByRole("button", { name: "Account menu" }).click();
  await adminPage.getByRole("banner").getByRole("link", { name: "Admin" }).click();
  await adminPage.waitForURL((url) => url.pathname === "/admin");
  await expect(
    adminPage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Users" }),
  ).toHaveAttribute("aria-current", "page");
  await adminPage.getByLabel("Search by email").fill(member.email);
  await adminPage.getByRole("button", { name: "Search" }).click();
  await adminPage.waitForURL((url) => url.searchParams.get("q") === member.email);
  const table = adminPage.getByRole("region", { name: "Accounts" });
  await expect(table.getByText(member.email).first()).toBeVisible();
  await expect(table.getByText(admin.email)).toHaveCount(0);
  await adminPage.getByRole("button", { name: `Disable ${member.email}` }).click();
  await expect(adminPage.getByText(`${member.email} is disabled`)).toBeVisible();
  await expect(table.getByText("Disabled")).toBeVisible();

  await memberPage.goto("/settings/privacy");
  await memberPage.waitForURL((url) => url.pathname === "/sign-in");
  const api = await memberPage.request.get("/api/v1/key", { headers: { authorization: `Bearer ${key}` } });
  expect(api.status()).toBe(401);
  expect(((await api.json()) as { error: { code: number } }).error.code).toBe(401);
  await memberPage.getByLabel("Email").fill(member.email);
  await memberPage.getByLabel("Password").fill(member.password);
  await memberPage.getByLabel("Password").press("Enter");
  await expect(memberPage.getByText("This account is disabled.")).toBeVisible();

  // Enabled again, the same key works.
  await adminPage.getByRole("button", { name: `Enable ${member.email}` }).click();
  await expect(adminPage.getByText(`${member.email} is enabled again.`)).toBeVisible();
  await expect
    .poll(async () =>
      (await memberPage.request.get("/api/v1/key", { headers: { authorization: `Bearer ${key}` } })).status(),
    )
    .toBe(200);
  await memberPage.context().close();
  await adminPage.context().close();
});

test("invite-only sign-up: a link made on /admin works once; an expired one does not", async ({ browser }) => {
  const adminPage = await signIn(browser, admin);
  await adminPage.goto("/admin/instance");
  await adminPage.getByLabel("Invite only").check();
  await adminPage.getByRole("button", { name: "Save sign-up mode" }).click();
  await expect(adminPage.getByText("Sign-up is now invite only.")).toBeVisible();

  const visitor = await (await browser.newContext({ baseURL: instance.url })).newPage();
  await visitor.goto("/sign-up");
  await expect(visitor.getByText("needs an invitation link")).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Create account" })).toHaveCount(0);

  await adminPage.goto("/admin/invitations");
  // The sections' nav marks the open one only: Users is /admin itself, not every page below it.
  const sections = adminPage.getByRole("navigation", { name: "Admin" });
  await expect(sections.getByRole("link", { name: "Invitations" })).toHaveAttribute("aria-current", "page");
  await expect(sections.getByRole("link", { name: "Users" })).not.toHaveAttribute("aria-current", /.*/);
  await adminPage.getByLabel("Expires after (days)").fill("2");
  await adminPage.getByRole("button", { name: "Make invitation link" }).click();
  const link = (await adminPage.getByTestId("invitation-link").textContent())!.trim();
  expect(link).toMatch(/\/sign-up\?invite=/);

  const invited = uniqueEmail("invited");
  await visitor.goto(link);
  await visitor.getByLabel("Email").fill(invited);
  await visitor.getByLabel("Password").fill(PASSWORD);
  await visitor.getByRole("button", { name: "Create account" }).click();
  await visitor.waitForURL((url) => url.pathname === "/chat");

  const second = await (await browser.newContext({ baseURL: instance.url })).newPage();
  await second.goto(link);
  await expect(second.getByText("This invitation link is not valid")).toBeVisible();
  await expect(second.getByRole("button", { name: "Create account" })).toHaveCount(0);

  await adminPage.reload();
  await expect(adminPage.getByRole("region", { name: "Invitations" }).getByText(invited)).toBeVisible();

  // From the CLI, which prints the link alone; then its expiry passes.
  const cliLink = cli(["invite", "create", "--expires-days", "1"]);
  expect(cliLink).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sign-up\?invite=[\w-]+$/);
  await writeOwnDatabase(`UPDATE "Invitation" SET "expiresAt" = "createdAt" WHERE "usedAt" IS NULL`);
  await second.goto(cliLink);
  await expect(second.getByText("This invitation link is not valid")).toBeVisible();
  await visitor.context().close();
  await second.context().close();
  await adminPage.context().close();
});

test("the instance policy floor: set on /admin, shown locked on a member's privacy page", async ({ browser }) => {
  const adminPage = await signIn(browser, admin);
  await adminPage.goto("/admin/instance");
  await adminPage.getByRole("switch", { name: "Zero data retention only" }).click();
  await adminPage.getByRole("switch", { name: "Paid models: no providers that may train on prompts" }).click();
  await adminPage.getByRole("button", { name: "Save instance policy" }).click();
  await expect(adminPage.getByText("Instance policy saved.")).toBeVisible();
  await expect.poll(() => cli(["policy", "show"])).toContain("ZDR only required");

  const memberPage = await signIn(browser, member);
  await memberPage.goto("/settings/privacy");
  const zdr = memberPage.getByRole("switch", { name: "Zero data retention only" });
  await expect(zdr).toHaveAttribute("aria-checked", "true");
  await expect(zdr).toBeDisabled();
  await expect(zdr).toHaveAccessibleDescription(/the admin of this Privet requires it/);
  const paid = memberPage.getByRole("switch", { name: "Paid models: allow providers that may train on my data" });
  await expect(paid).toHaveAttribute("aria-checked", "false");
  await expect(paid).toBeDisabled();
  // What the floor leaves open, the account still decides.
  await expect(
    memberPage.getByRole("switch", { name: "Free models: allow providers that may train on my data" }),
  ).toBeEnabled();
  await expect(memberPage.getByRole("note", { name: "Instance policy" })).toBeVisible();
  cli(["policy", "set"]);
  await memberPage.context().close();
  await adminPage.context().close();
});

for (const device of [
  { name: "desktop", viewport: { width: 1280, height: 860 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
]) {
  test(`an admin sets a member's limits on /admin (${device.name}): checked, shown with usage, enforced, read-only for the member`, async ({
    browser,
  }) => {
    const key = cli(["key", "create", "--email", member.email, "--name", `limits ${device.name}`]);
    const adminPage = await signIn(browser, admin);
    await adminPage.setViewportSize(device.viewport);
    await adminPage.goto(`/admin?q=${encodeURIComponent(member.email)}`);
    await adminPage.getByRole("button", { name: `Limits of ${member.email}` }).click();
    const dialog = adminPage.getByRole("dialog", { name: `Limits of ${member.email}` });
    await expect(dialog).toBeVisible();
    // A key's expiry and data regions are not an account's limits.
    await expect(dialog.getByLabel("Expires on")).toHaveCount(0);
    await dialog.getByLabel("Spending limit (USD)").fill("five");
    await dialog.getByRole("button", { name: "Save limits" }).click();
    await expect(dialog.getByLabel("Spending limit (USD)")).toHaveAccessibleDescription(/Give the limit in US dollars/);
    await expect(dialog.getByLabel("Spending limit (USD)")).toBeFocused();
    await dialog.getByLabel("Spending limit (USD)").fill("5");
    await dialog.getByLabel("Limit resets").selectOption("daily");
    await dialog.getByLabel("Allowed providers").fill("nobody");
    await dialog.getByRole("button", { name: "Save limits" }).click();
    await expect(dialog.getByLabel("Allowed providers")).toHaveAccessibleDescription(/Unknown provider: nobody/);
    await dialog.getByLabel("Allowed providers").fill("e2e-zdr");
    await dialog.getByLabel("Requests per minute").fill("100");
    await dialog.getByRole("button", { name: "Save limits" }).click();
    await expect(adminPage.getByText(`Saved the limits of ${member.email}.`)).toBeVisible();
    const table = adminPage.getByRole("region", { name: "Accounts" });
    await expect(table.getByText("$5.00 a day · e2e-zdr · 100/min")).toBeVisible();
    await expect(table.getByText(/^\$[\d.]+ of \$5\.00 spent today \(UTC\)$/)).toBeVisible();
    expect(cli(["user", "limits", "--email", member.email])).toContain("allowed providers: [e2e-zdr]");

    // Enforced on the member's API key before any provider: another provider is the account's 403.
    await expect
      .poll(async () => {
        const res = await adminPage.request.post("/api/v1/chat/completions", {
          headers: { authorization: `Bearer ${key}` },
          data: { model: "e2e/echo", messages: [{ role: "user", content: "hi" }], provider: { only: ["e2e-retain"] } },
        });
        return ((await res.json()) as { error?: { metadata?: { limited_by?: string } } }).error?.metadata?.limited_by;
      })
      .toBe("account");

    // The member sees them, read-only.
    const memberPage = await signIn(browser, member);
    await memberPage.setViewportSize(device.viewport);
    await memberPage.goto("/settings/account");
    const card = memberPage.getByRole("region", { name: "Limits on your account" });
    await expect(card.getByText("Set by an admin of this Privet.", { exact: false })).toBeVisible();
    await expect(card.getByText("e2e-zdr")).toBeVisible();
    await expect(card.getByRole("textbox")).toHaveCount(0);

    // Removed again: nothing left, for the next run.
    await adminPage.getByRole("button", { name: `Limits of ${member.email}` }).click();
    await dialog.getByRole("button", { name: "Remove all limits" }).click();
    await expect(adminPage.getByText(`Removed every limit of ${member.email}.`)).toBeVisible();
    await expect(table.getByText("None", { exact: true })).toBeVisible();
    await memberPage.context().close();
    await adminPage.context().close();
  });
}

test("closed sign-up refuses with a clear message, on the page and in the action", async ({ browser }) => {
  cli(["signup", "closed"]);
  const visitor = await (await browser.newContext({ baseURL: instance.url })).newPage();
  // The instance settings are cached for up to a second.
  await expect
    .poll(async () => {
      await visitor.goto("/sign-up");
      return visitor.getByText("Sign-up is closed on this Privet").count();
    })
    .toBe(1);
  await expect(visitor.getByRole("button", { name: "Create account" })).toHaveCount(0);
  // The action itself refuses too (a form kept open from before, or a script).
  const email = uniqueEmail("closed");
  const res = await visitor.request.post("/sign-up", {
    headers: {
      "next-action": actionId("signUpAction", "app/(auth)/sign-up/actions.ts"),
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: instance.url,
    },
    data: JSON.stringify([{ email, password: PASSWORD }]),
  });
  expect(await res.text()).toContain("Sign-up is closed on this Privet. Ask its admin for an account.");
  expect(cli(["policy", "show"])).toContain("sign-up: closed");
  await visitor.context().close();
});
