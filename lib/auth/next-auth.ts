// next-auth configuration: email + password, JWT sessions in an httpOnly, SameSite=Lax cookie.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/accounts/accounts";
import { ZSignIn } from "@/lib/auth/schemas";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = ZSignIn.safeParse(credentials ?? {});
        if (!parsed.success) return null;
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
