// Lint rules: Next's core-web-vitals and TypeScript presets, plus the project's own boundaries
// (CODE_STYLE.md): components never touch the database, the policy core never does I/O.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next*/**",
      "lib/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "bench/.tmp/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    // lib/log.ts is the only writer of the server log: it prints an error's class and code, never
    // its message, which could quote a prompt or a submitted value (PRODUCT.md, rule 1).
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "proxy.ts"],
    ignores: ["lib/log.ts", "**/*.test.ts", "**/test-*.ts"],
    rules: { "no-console": "error" },
  },
  {
    // Raw SQL is written once, with `?` placeholders, and runs on SQLite and PostgreSQL alike only
    // through lib/db.ts's helpers. A test that deliberately runs one database's own SQL says so
    // with an eslint-disable comment.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["lib/db.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          property: "$queryRawUnsafe",
          message: "Use rawQuery(client, sql, ...params) from @/lib/db: it runs the same SQL on SQLite and PostgreSQL.",
        },
        {
          property: "$executeRawUnsafe",
          message:
            "Use rawExecute(client, sql, ...params) from @/lib/db: it runs the same SQL on SQLite and PostgreSQL.",
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/generated/*", "@prisma/*"],
              message: "components/ never touches the database: call lib/ from a page or action.",
            },
            {
              group: ["@/app", "@/app/*", "**/../app", "**/../app/*"],
              message: "components/ never imports from app/ (routing): move what both need to components/ or lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/policy/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "node:*",
                "fs",
                "path",
                "@/lib/db",
                "@/lib/env",
                "@/lib/generated/*",
                "@prisma/*",
                "next",
                "next/*",
              ],
              message: "lib/policy is pure: no I/O, no environment, no framework.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
