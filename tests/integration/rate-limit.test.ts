// Rate limits (issue 8, "Isolation and secrets"): per API key, a configurable number of requests
// per minute (PRIVET_RATE_LIMIT_PER_MINUTE), refused with 429, `Retry-After` and the error shape,
// leaving other keys alone and leaving a metadata record for a refused chat request; and password
// throttling (issue 14): failures per email and client address (10 free) and per client address
// (50 free), after which attempts slow down — never a lock-out of the owner by someone else's
// failures — checked through next-auth's own credentials provider and the account settings'
// password checks against the real database, with the address taken from the connection, not
// from a header the client could forge.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awayFromMinuteBoundary, startHarness, type THarness } from "@/tests/support/harness";

const PER_MINUTE = 5;

let h: THarness;

beforeAll(async () => {
  h = await startHarness({ env: { PRIVET_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
});
afterAll(async () => {
  await h?.close();
});

const hello = [{ role: "user", content: "hello there" }];
type TErrorBody = { error: { code: number; message: string; metadata?: Record<string, unknown> } };

describe("per API key", () => {
  it(
    `allows ${PER_MINUTE} requests a minute, then answers 429 with Retry-After in the error shape; other keys are unaffected`,
    { timeout: 60_000 },
    async () => {
      await awayFromMinuteBoundary();
      const user = await h.createUser();
      const { createApiKey } = await import("@/lib/keys/api-keys");
      const { key: sameAccountKey } = await createApiKey(user.id, "second key");
      const otherUser = await h.createUser();
      h.mock.clearCalls();

      for (let i = 0; i < PER_MINUTE; i++) {
        const ok = await h.chat(user.key, { model: "e2e/echo", messages: hello });
        expect(ok.status, `request ${i + 1}`).toBe(200);
        await ok.text();
      }
      expect(h.mock.calls()).toHaveLength(PER_MINUTE);

      const refused = await h.chat(user.key, { model: "e2e/echo", messages: hello });
      const text = await refused.text();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toMatch(/^application\/json/);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const body = JSON.parse(text) as TErrorBody;
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error.code).toBe(429);
      expect(body.error.message).toMatch(/^Rate limit exceeded for this API key/);
      expect(body.error.metadata).toEqual({ code: "rate_limited", retry_after_seconds: retryAfter });
      // Refused before the router: no provider heard of it.
      expect(h.mock.calls()).toHaveLength(PER_MINUTE);

      // Every other API route is limited for that key too.
      expect((await h.get("/api/v1/key", user.key)).status).toBe(429);

      // Another key of the same account, and another account's key, still work.
      const second = await h.chat(sameAccountKey, { model: "e2e/echo", messages: hello });
      expect(second.status).toBe(200);
      const other = await h.chat(otherUser.key, { model: "e2e/echo", messages: hello });
      expect(other.status).toBe(200);

      // The refused chat request still left its one metadata record (PRODUCT.md rule 2), readable
      // by the account through its other key.
      const id = refused.headers.get("x-privet-generation-id");
      expect(id).toBeTruthy();
      const record = await h.get(`/api/v1/generation?id=${id}`, sameAccountKey);
      expect(record.status).toBe(200);
      const g = (
        (await record.json()) as {
          data: {
            status: string;
            http_status: number;
            error_code: string;
            api_key_id: string;
            provider_responses: unknown[];
          };
        }
      ).data;
      expect(g).toMatchObject({
        status: "error",
        http_status: 429,
        error_code: "rate_limited",
        api_key_id: user.keyId,
        provider_responses: [],
      });
      await h.flush();
      expect(await h.db.generation.count({ where: { apiKeyId: user.keyId } })).toBe(PER_MINUTE + 1);

      // Anthropic's route is limited too, answering in Anthropic's error shape, its record of its kind.
      const messages = await fetch(`${h.baseUrl}/api/v1/messages`, {
        method: "POST",
        headers: { "x-api-key": user.key, "content-type": "application/json", "anthropic-version": "2023-06-01" },
        body: JSON.stringify({ model: "e2e/echo", max_tokens: 10, messages: hello }),
      });
      expect(messages.status).toBe(429);
      expect(messages.headers.get("retry-after")).toBeTruthy();
      expect(await messages.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
      const messagesId = messages.headers.get("x-privet-generation-id")!;
      await h.flush();
      expect(await h.db.generation.findUniqueOrThrow({ where: { id: messagesId } })).toMatchObject({
        kind: "messages",
        httpStatus: 429,
        errorCode: "rate_limited",
      });
    },
  );

  it("public routes (the catalog) are not counted against anyone", { timeout: 60_000 }, async () => {
    await awayFromMinuteBoundary();
    for (let i = 0; i < PER_MINUTE * 3; i++) expect((await h.get("/api/v1/models")).status).toBe(200);
  });
});

describe("sign-in throttling", () => {
  type TAuthorize = (
    credentials: Record<string, string>,
    req: { headers: Record<string, string> },
  ) => Promise<{ id: string; email: string } | null>;

  /** next-auth's credentials provider, as next-auth calls it on POST /api/auth/callback/credentials. */
  async function authorize(): Promise<TAuthorize> {
    const { authOptions } = await import("@/lib/auth/next-auth");
    const provider = authOptions.providers[0] as unknown as { options: { authorize: TAuthorize } };
    return provider.options.authorize;
  }

  async function attempt(email: string, password: string, address: string): Promise<"signed-in" | "wrong" | string> {
    try {
      const user = await (await authorize())({ email, password }, { headers: { "x-forwarded-for": address } });
      return user ? "signed-in" : "wrong";
    } catch (error) {
      return (error as Error).message;
    }
  }

  async function account(label: string) {
    const { createAccount } = await import("@/lib/accounts/accounts");
    const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    await createAccount({ email, password: "the right password" });
    return email;
  }

  it("an attacker's failures from one address slow that address down but never keep the owner out from another", async () => {
    const email = await account("victim");
    const attacker = "198.51.100.66";
    // Ten free failures, then the attacker's address has to wait, longer with each failure.
    for (let i = 0; i < 10; i++) expect(await attempt(email, `guess ${i}`, attacker), `guess ${i + 1}`).toBe("wrong");
    // Further guesses are refused with a wait ("throttled:<seconds>", which the form explains)
    // but for one per slot, and the slot grows with each failure: keep guessing until a refusal
    // leaves over a second to wait.
    let wait = 0;
    let guesses = 0;
    while (wait < 2 && guesses < 40) {
      const result = await attempt(email, `more guess ${guesses++}`, attacker);
      const refused = /^throttled:([1-9]\d*)$/.exec(result);
      if (refused) wait = Number(refused[1]);
      else expect(result).toBe("wrong");
    }
    expect(wait).toBeGreaterThanOrEqual(2);
    // Right after that refusal the right password gets the same answer: the throttle decides
    // before any password is checked, so it cannot confirm a guess.
    expect(await attempt(email, "the right password", attacker)).toMatch(/^throttled:/);
    // The email is matched as typed by people: case and spaces do not open a new allowance.
    expect(await attempt(` ${email.toUpperCase()} `, "the right password", attacker)).toMatch(/^throttled:/);
    // The owner, elsewhere, signs in at once — again and again (a right password is no failure).
    for (let i = 0; i < 15; i++)
      expect(await attempt(email, "the right password", "198.51.100.200"), `owner ${i + 1}`).toBe("signed-in");
    // And a few typos of the owner's own do not add up with the attacker's.
    for (let i = 0; i < 3; i++) expect(await attempt(email, `typo ${i}`, "198.51.100.200")).toBe("wrong");
    expect(await attempt(email, "the right password", "198.51.100.200")).toBe("signed-in");
  });

  it("one address gets 50 failures in 15 minutes across all emails, then slows down; other addresses are unaffected", async () => {
    const address = "203.0.113.7";
    const emails = await Promise.all(Array.from({ length: 6 }, (_, i) => account(`spray${i}`)));
    // Made first: right after the 50th failure the address must wait (a second at least).
    const fresh = await account("fresh");
    let wrong = 0;
    // Password spraying: a few guesses per email, below the per-email limit, 50 in all.
    for (let i = 0; i < 50; i++) {
      const result = await attempt(emails[i % emails.length]!, `spray ${i}`, address);
      expect(result, `attempt ${i + 1}`).toBe("wrong");
      wrong += 1;
    }
    expect(wrong).toBe(50);
    expect(await attempt(fresh, "the right password", address)).toMatch(/^throttled:/);
    expect(await attempt(fresh, "the right password", "203.0.113.8")).toBe("signed-in");
  });

  it("a client cannot choose its address: a forged X-Forwarded-For is replaced by the connection's own", async () => {
    const { clientAddress, setClientAddressHeader } = await import("@/lib/server/client-address");
    expect(clientAddress("1.2.3.4", "10.0.0.9", false)).toBe("10.0.0.9");
    expect(clientAddress(undefined, "10.0.0.9", false)).toBe("10.0.0.9");
    // Behind a trusted reverse proxy: the address that proxy appended (the last entry), not the
    // ones the client sent before it.
    expect(clientAddress("6.6.6.6, 198.51.100.4", "10.0.0.1", true)).toBe("198.51.100.4");
    expect(clientAddress(["6.6.6.6", "198.51.100.5"], "10.0.0.1", true)).toBe("198.51.100.5");
    expect(clientAddress("", "10.0.0.1", true)).toBe("10.0.0.1");

    // The custom server's handling (lib/server/http-server.ts) in front of next-auth's provider:
    // 50 attempts, each claiming another address, all count against the one real address.
    const authorizeFn = await authorize();
    const server = http.createServer((req, res) => {
      setClientAddressHeader(req, false);
      const { searchParams } = new URL(req.url ?? "/", "http://x");
      authorizeFn(
        { email: searchParams.get("email")!, password: searchParams.get("password")! },
        { headers: req.headers as Record<string, string> },
      )
        .then((user) => res.end(user ? "signed-in" : "wrong"))
        .catch((error: Error) => res.end(error.message));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
    const base = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
    const tryIt = async (email: string, password: string, forged: string) =>
      (
        await fetch(`${base}/?${new URLSearchParams({ email, password })}`, { headers: { "x-forwarded-for": forged } })
      ).text();
    try {
      const emails = await Promise.all(Array.from({ length: 6 }, (_, i) => account(`forger${i}`)));
      const fresh = await account("forged-fresh");
      for (let i = 0; i < 50; i++)
        expect(await tryIt(emails[i % emails.length]!, `forged ${i}`, `192.0.2.${i}`)).toBe("wrong");
      expect(await tryIt(fresh, "the right password", "192.0.2.250")).toMatch(/^throttled:/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("password checks in the account settings", () => {
  async function account(label: string) {
    const { createAccount } = await import("@/lib/accounts/accounts");
    return createAccount({
      email: `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`,
      password: "the right password",
    });
  }

  it("deleting the account and changing the password are no unthrottled password oracle: they share sign-in's throttle", async () => {
    const { deleteAccount } = await import("@/lib/accounts/deletion");
    const { changePassword } = await import("@/lib/accounts/password");
    const { checkPassword } = await import("@/lib/auth/password-check");
    const victim = await account("oracle");
    const thief = "203.0.113.99";
    // Someone holding the victim's session guesses the password through the deletion dialog.
    for (let i = 0; i < 10; i++)
      await expect(deleteAccount(victim.id, `guess ${i}`, thief), `guess ${i + 1}`).rejects.toMatchObject({
        code: "bad_request",
      });
    const refused = await deleteAccount(victim.id, "the right password", thief).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429, metadata: { field: "password" } });
    expect((refused as Error).message).toMatch(/^Too many wrong passwords\. Try again in \d+ (second|minute)s?\.$/);
    // The right password was not even checked: the account is still there, its password unchanged.
    expect(await h.db.user.count({ where: { id: victim.id } })).toBe(1);
    await expect(
      changePassword(victim.id, { password: "the right password", newPassword: "a new password" }, thief),
    ).rejects.toMatchObject({ code: "rate_limited" });
    await expect(checkPassword(victim.email, "the right password", thief)).rejects.toMatchObject({
      code: "rate_limited",
    });

    // The owner, from their own address, changes the password and later deletes the account.
    await changePassword(victim.id, { password: "the right password", newPassword: "a new password" }, "203.0.113.1");
    expect(await checkPassword(victim.email, "a new password", "203.0.113.1")).toMatchObject({ id: victim.id });
    await deleteAccount(victim.id, "a new password", "203.0.113.1");
    expect(await h.db.user.count({ where: { id: victim.id } })).toBe(0);
  });
});
