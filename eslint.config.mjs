// Lint rules: Next's core-web-vitals and TypeScript presets, plus the project's own boundaries
// (CODE_STYLE.md): components never touch the database, the policy core never does I/O.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next*/**", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/.tmp/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/db", "@/lib/generated/*", "@prisma/*"], message: "components/ never touches the database: call lib/ from a page or action." }] }],
    },
  },
  {
    files: ["lib/policy/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*", "fs", "path", "@/lib/db", "@/lib/env", "@/lib/generated/*", "@prisma/*", "next", "next/*"], message: "lib/policy is pure: no I/O, no environment, no framework." }] }],
    },
  },
];

export default config;
