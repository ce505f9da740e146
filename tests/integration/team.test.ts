// Running Privet for a team, on the real API over the real mock upstream: a disabled account's keys
// stop at once (401, OpenRouter's error shape); the instance policy floor holds on the API whatever
// the account settings and the request say; sign-up obeys its mode (closed, single-use expiring
// invitations), answers alike for a taken email and is throttled per address; the last admin stays.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type THarness } from "@/tests/support/harness";

let h: THarness;
let instance: typeof import("@/lib/instance/settings");
let roles: typeof import("@/lib/accounts/roles");
let signup: typeof import("@/lib/accounts/signup");
let invitations: typeof import("@/lib/accounts/invitations");
let accounts: typeof import("@/lib/accounts/accounts");

const KNOWN = {
  providers: new Set(["e2e-zdr", "e2e-retain", "e2e-trains", "e2e-unknown", "e2e-anthropic", "e2e-offline"]),
  models: new Set(["e2e/echo", "e2e/echo:free", "e2e/tools"]),
};
const NO_FLOOR = {
  noTrainingPaid: false,
  noTrainingFree: false,
  zdrOnly: false,
  ignoredProviders: [],
  allowedModels: null,
};
const hello = [{ role: "user", content: "hello there" }];

beforeAll(async () => {
  h = await startHarness({ env: { PRIVET_SIGNUP_LIMIT_PER_ADDRESS: "3" } });
  instance = await import("@/lib/instance/settings");
  roles = await import("@/lib/accounts/roles");
  signup = await import("@/lib/accounts/signup");
  invitations = await import("@/lib/accounts/invitations");
  accounts = await import("@/lib/accounts/accounts");
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.mock.reset();
  h.mock.clearCalls();
  await instance.updatePolicyFloor(NO_FLOOR, KNOWN);
});

const called = () => h.mock.calls().map((c) => c.provider);

async function servedBy(res: Response): Promise<string> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return res.headers.get("x-privet-provider")!;
}

describe("a disabled account", () => {
  it("gets 401 in OpenRouter's error shape for its keys at once, calls no provider, and works again once enabled", async () => {
    const user = await h.createUser();
    expect(await servedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }))).toBe("e2e-retain");
    h.mock.clearCalls();

    await roles.updateDisabled(user.id, true);
    const refused = await h.chat(user.key, { model: "e2e/echo", messages: hello });
    expect(refused.status).toBe(401);
    const body = (await refused.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(401);
    expect(typeof body.error.message).toBe("string");
    expect(called()).toEqual([]);
    expect((await h.get("/api/v1/key", user.key)).status).toBe(401);

    await roles.updateDisabled(user.id, false);
    expect(await servedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }))).toBe("e2e-retain");
  });

  it("cannot sign in, even with the right password; its sessions have ended", async () => {
    const user = await h.createUser();
    const before = await h.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    await roles.updateDisabled(user.id, true);
    const after = await h.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    expect(after.sessionVersion).toBeGreaterThan(before.sessionVersion);
    const checked = await accounts.verifyCredentials(user.email, "correct horse battery");
    expect(checked?.isDisabled).toBe(true);
    const { findCurrentSessionAccount } = await import("@/lib/auth/session-version");
    expect(await findCurrentSessionAccount(user.id, after.sessionVersion)).toBeNull();
  });
});

describe("the instance policy floor on the API", () => {
  it("no training on paid models: an account that allows training is still kept from training providers", async () => {
    const user = await h.createUser({ allowTrainingPaid: true });
    expect(await servedBy(await h.chat(user.key, { model: "e2e/echo", messages: hello }))).toBe("e2e-unknown");
    await instance.updatePolicyFloor({ ...NO_FLOOR, noTrainingPaid: true }, KNOWN);
    h.mock.clearCalls();
    const res = await h.chat(user.key, {
      model: "e2e/echo",
      messages: hello,
      provider: { data_collection: "allow", zdr: false, order: ["e2e-trains", "e2e-unknown"] },
    });
    expect(await servedBy(res)).toBe("e2e-retain");
    expect(called()).toEqual(["e2e-retain"]);
  });

  it("ZDR only and ignored providers: the request cannot reach past them; with nothing left, a refusal and no call", async () => {
    const user = await h.createUser({ allowTrainingPaid: true, allowTrainingFree: true });
    await instance.updatePolicyFloor({ ...NO_FLOOR, zdrOnly: true }, KNOWN);
    const res = await h.chat(user.key, {
      model: "e2e/echo",
      messages: hello,
      provider: { only: ["e2e-retain", "e2e-zdr"], zdr: false },
    });
    expect(await servedBy(res)).toBe("e2e-zdr");

    await instance.updatePolicyFloor({ ...NO_FLOOR, zdrOnly: true, ignoredProviders: ["e2e-zdr"] }, KNOWN);
    h.mock.clearCalls();
    const refused = await h.chat(user.key, { model: "e2e/echo", messages: hello });
    expect(refused.status).toBe(404);
    const body = (await refused.json()) as {
      error: { metadata: { excluded_by: { provider: string; step: string }[] } };
    };
    expect(body.error.metadata.excluded_by.find((e) => e.provider === "e2e-zdr")?.step).toBe("ignored_providers");
    expect(called()).toEqual([]);
  });

  it("an allow-list of models: others are refused with 403 and no call, and a `models` fallback list keeps only allowed ones", async () => {
    const user = await h.createUser();
    await instance.updatePolicyFloor({ ...NO_FLOOR, allowedModels: ["e2e/tools"] }, KNOWN);
    const refused = await h.chat(user.key, { model: "e2e/echo", messages: hello });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: number; metadata: { code: string } } };
    expect(body.error.code).toBe(403);
    expect(body.error.metadata.code).toBe("model_not_allowed");
    expect(called()).toEqual([]);

    const res = await h.chat(user.key, { models: ["e2e/echo", "e2e/tools"], messages: hello });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect((JSON.parse(text) as { model: string }).model).toBe("e2e/tools");
  });

  it("refuses a floor naming a provider or model the catalog does not have, and keeps the one in force", async () => {
    await instance.updatePolicyFloor({ ...NO_FLOOR, zdrOnly: true }, KNOWN);
    await expect(instance.updatePolicyFloor({ ...NO_FLOOR, ignoredProviders: ["nope"] }, KNOWN)).rejects.toThrow(
      /Unknown provider/,
    );
    await expect(instance.updatePolicyFloor({ ...NO_FLOOR, allowedModels: ["no/such"] }, KNOWN)).rejects.toThrow(
      /Unknown model/,
    );
    await expect(
      instance.updatePolicyFloor({ ...NO_FLOOR, allowedDataRegions: ["EU", "Europe"] }, KNOWN),
    ).rejects.toThrow(/two-letter country codes/);
    await expect(instance.updatePolicyFloor({ ...NO_FLOOR, maxRetentionDays: -3 }, KNOWN)).rejects.toThrow(
      /0 days or more/,
    );
    expect((await instance.getPolicyFloor()).zdrOnly).toBe(true);
  });

  it("stores allowed data regions in upper case; an empty list is no requirement", async () => {
    const saved = await instance.updatePolicyFloor(
      { ...NO_FLOOR, allowedDataRegions: ["us", "eu", "US"], maxRetentionDays: 30 },
      KNOWN,
    );
    expect(saved.floor).toMatchObject({ allowedDataRegions: ["EU", "US"], maxRetentionDays: 30 });
    const cleared = await instance.updatePolicyFloor({ ...NO_FLOOR, allowedDataRegions: [] }, KNOWN);
    expect(cleared.floor).toMatchObject({ allowedDataRegions: null, maxRetentionDays: null });
  });
});

describe("sign-up", () => {
  let address = 0;
  // Each test signs up from addresses of its own, so the per-address throttle is the last test's alone.
  const nextAddress = () => `198.51.100.${++address}`;
  const email = () => `new-${Math.random().toString(36).slice(2)}@example.com`;

  it("closed: refused with a clear message, no account made", async () => {
    await instance.updateSignupMode("closed");
    const e = email();
    await expect(signup.signUp({ email: e, password: "a good password" }, nextAddress())).rejects.toThrow(
      signup.SIGNUP_CLOSED,
    );
    expect(await h.db.user.count({ where: { email: e } })).toBe(0);
  });

  it("invite: a link makes one account once; used or expired, it is refused", async () => {
    await instance.updateSignupMode("invite");
    await expect(signup.signUp({ email: email(), password: "a good password" }, nextAddress())).rejects.toThrow(
      signup.SIGNUP_NEEDS_INVITATION,
    );
    const { link } = await invitations.createInvitation(null, 1);
    const token = new URL(link).searchParams.get("invite")!;
    const first = email();
    await signup.signUp({ email: first, password: "a good password", invite: token }, nextAddress());
    expect(await h.db.user.count({ where: { email: first } })).toBe(1);
    const second = email();
    await expect(
      signup.signUp({ email: second, password: "a good password", invite: token }, nextAddress()),
    ).rejects.toThrow(invitations.INVITATION_REFUSED);
    expect(await h.db.user.count({ where: { email: second } })).toBe(0);

    const expired = await invitations.createInvitation(null, 1);
    await h.db.invitation.updateMany({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const late = email();
    await expect(
      signup.signUp(
        { email: late, password: "a good password", invite: new URL(expired.link).searchParams.get("invite")! },
        nextAddress(),
      ),
    ).rejects.toThrow(invitations.INVITATION_REFUSED);
    expect(await h.db.user.count({ where: { email: late } })).toBe(0);
  });

  it("answers a taken email exactly as a new one, and leaves the existing account untouched", async () => {
    await instance.updateSignupMode("open");
    const existing = await h.createUser();
    const before = await h.db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { passwordHash: true } });
    const taken = await signup.signUp({ email: existing.email, password: "attacker password" }, nextAddress());
    const fresh = email();
    const created = await signup.signUp({ email: fresh, password: "a good password" }, nextAddress());
    expect(taken).toEqual({ email: existing.email });
    expect(created).toEqual({ email: fresh });
    const after = await h.db.user.findUniqueOrThrow({ where: { id: existing.id }, select: { passwordHash: true } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await accounts.verifyCredentials(existing.email, "attacker password")).toBeNull();
  });

  it("is throttled per client address, and another address still signs up", async () => {
    await instance.updateSignupMode("open");
    const busy = nextAddress();
    for (let i = 0; i < 3; i++) await signup.signUp({ email: email(), password: "a good password" }, busy);
    const e = email();
    await expect(signup.signUp({ email: e, password: "a good password" }, busy)).rejects.toThrow(/Too many sign-ups/);
    expect(await h.db.user.count({ where: { email: e } })).toBe(0);
    await signup.signUp({ email: e, password: "a good password" }, nextAddress());
    expect(await h.db.user.count({ where: { email: e } })).toBe(1);
  });
});

describe("roles", () => {
  it("keeps one enabled admin: the last one can be neither demoted, disabled nor deleted", async () => {
    const admins = await h.db.user.findMany({ where: { role: "admin" }, select: { id: true } });
    for (const a of admins) await h.db.user.update({ where: { id: a.id }, data: { role: "member" } });
    const admin = await h.createUser();
    await roles.updateRole(admin.id, "admin");
    await expect(roles.updateRole(admin.id, "member")).rejects.toThrow(/last admin/);
    await expect(roles.updateDisabled(admin.id, true)).rejects.toThrow(/last admin/);
    await expect(roles.deleteAccountAsAdmin(admin.id)).rejects.toThrow(/last admin/);
    expect(await roles.isAdmin(admin.id)).toBe(true);
    const second = await h.createUser();
    await roles.updateRole(second.id, "admin");
    await roles.updateRole(admin.id, "member");
    expect(await roles.isAdmin(admin.id)).toBe(false);
    expect(await roles.hasAdmin()).toBe(true);
  });
});

describe("/admin's user list", () => {
  it("shows each account's requests and cost of the last 30 days, from the rollups, and finds accounts by email", async () => {
    const { findAdminUsers } = await import("@/lib/admin/users");
    const user = await h.createUser();
    const other = await h.createUser();
    for (let i = 0; i < 2; i++)
      expect((await h.chat(user.key, { model: "e2e/echo", messages: hello })).status).toBe(200);
    await h.flush();
    const { rows } = await findAdminUsers(user.email.toUpperCase());
    expect(rows.map((r) => r.email)).toEqual([user.email]);
    expect(rows[0]).toMatchObject({ role: "member", isDisabled: false, requests: 2 });
    expect(rows[0]!.cost).toBeGreaterThan(0);
    const { rows: others } = await findAdminUsers(other.email);
    expect(others[0]).toMatchObject({ requests: 0, cost: 0 });
  });
});
