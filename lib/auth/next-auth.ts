// next-auth configuration: email + password, JWT sessions in an httpOnly, SameSite=Lax cookie.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/accounts/accounts";
import { ZSignIn } from "@/lib/auth/schemas";
import { signInLimiters } from "@/lib/ratelimit/limits";

/** The error code a throttled sign-in carries (followed by ":<minutes>"); the form explains it. */
export const SIGN_IN_THROTTLED = "throttled";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = ZSignIn.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        // Throttle guessing per email and per client address before spending a password hash.
        const forwarded = (req?.headers?.["x-forwarded-for"] as string | undefined)?.split(",")[0]?.trim();
        const address = forwarded || "unknown";
        const { byEmail, byAddress } = signInLimiters();
        const limits = await Promise.all([byEmail.hit(`email:${parsed.data.email}`), byAddress.hit(`addr:${address}`)]);
        const refused = limits.find((d) => !d.isAllowed);
        if (refused && !refused.isAllowed) {
          throw new Error(`${SIGN_IN_THROTTLED}:${Math.ceil(refused.retryAfterSeconds / 60)}`);
        }
        const account = await verifyCredentials(parsed.data.email, parsed.data.password);
        return account ? { id: account.id, email: account.email } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
