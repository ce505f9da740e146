// next-auth configuration: email + password, JWT sessions in an httpOnly, SameSite=Lax cookie.
// A session counts only while its account keeps the session version it was signed in under
// (lib/auth/session-version.ts): a password change or "Sign out everywhere" ends the others.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { addressFromForwardedFor, checkPassword } from "@/lib/auth/password-check";
import { ZSignIn } from "@/lib/auth/schemas";
import { currentSessionVersion, findCurrentSessionAccount } from "@/lib/auth/session-version";
import { AppError } from "@/lib/errors";

/** The error code a throttled sign-in carries (followed by ":<seconds>"); the form explains it. */
export const SIGN_IN_THROTTLED = "throttled";
/** The error code of a right password for a disabled account; the form explains it. */
const SIGN_IN_DISABLED = "disabled";

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
        const address = addressFromForwardedFor(req?.headers?.["x-forwarded-for"] as string | undefined);
        try {
          const account = await checkPassword(parsed.data.email, parsed.data.password, address);
          if (account?.isDisabled) throw new Error(SIGN_IN_DISABLED);
          return account ? { id: account.id, email: account.email } : null;
        } catch (error) {
          const wait = error instanceof AppError ? error.metadata?.retry_after_seconds : undefined;
          if (typeof wait === "number") throw new Error(`${SIGN_IN_THROTTLED}:${wait}`);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sessionVersion = await currentSessionVersion(user.id);
        return token;
      }
      // An ended session (or a deleted account's) keeps nothing that names the account.
      if (token.sub && !(await findCurrentSessionAccount(token.sub, token.sessionVersion))) return {};
      return token;
    },
    session({ session, token }) {
      if (!token.sub) return { expires: session.expires };
      if (session.user) Object.assign(session.user, { id: token.sub, sessionVersion: token.sessionVersion });
      return session;
    },
  },
};
