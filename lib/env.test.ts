import { describe, expect, it } from "vitest";
import { describeConfigProblems, findConfigProblems, setting, ZConfig } from "@/lib/env";

const GOOD = {
  HOST: "0.0.0.0",
  PORT: "8080",
  DATABASE_URL: "postgresql://privet:hunter2@db.internal:5432/privet",
  PRIVET_DATABASE_POOL_SIZE: "20",
  REDIS_URL: "rediss://:hunter2@cache.internal:6380",
  PRIVET_DATA_DIR: "/var/lib/privet",
  AUTH_SECRET: "an-auth-secret",
  PRIVET_ENCRYPTION_KEY: "an-encryption-key",
  PRIVET_ENCRYPTION_KEY_PREVIOUS: "old-one, older-one",
  NEXTAUTH_URL: "https://privet.example.com",
  PRIVET_PUBLIC_URL: "https://privet.example.com/",
  PRIVET_CATALOG: "catalog/demo.json",
  PRIVET_SAMPLE_RATE: "0.01",
  PRIVET_RANKINGS_MIN_ACCOUNTS: "5",
  PRIVET_TIMEOUT_CONNECT_MS: "5000",
  PRIVET_TIMEOUT_FIRST_BYTE_MS: "60000",
  PRIVET_TIMEOUT_TOTAL_MS: "300000",
  PRIVET_DIST_DIR: ".next-test",
  PRIVET_RATE_LIMIT_PER_MINUTE: "600",
  PRIVET_SIGNIN_LIMIT_PER_EMAIL: "0",
  PRIVET_SIGNIN_LIMIT_PER_ADDRESS: "100",
  PRIVET_TRUST_PROXY: "Yes",
  PRIVET_DRAIN_SECONDS: "10",
  PRIVET_METRICS_TOKEN: "a-metrics-token",
  PRIVET_METRICS_PORT: "9464",
  PRIVET_METRICS_PER_ACCOUNT: "on",
  PRIVET_TRACES_ACCOUNT_ID: "off",
  PRIVET_LOG_FORMAT: "JSON",
  OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector.internal:4318",
  PRIVET_DEMO: "1",
  MOCK_UPSTREAM_PORT: "4011",
};

describe("the configuration schema", () => {
  it("reads PRIVET_CORS_ORIGINS as *, none or a list of origins, and refuses anything else", () => {
    expect(ZConfig.parse({ PRIVET_CORS_ORIGINS: "none" }).PRIVET_CORS_ORIGINS).toEqual([]);
    expect(
      ZConfig.parse({ PRIVET_CORS_ORIGINS: " https://a.example , http://localhost:5173" }).PRIVET_CORS_ORIGINS,
    ).toEqual(["https://a.example", "http://localhost:5173"]);
    for (const bad of ["https://a.example/path", "a.example", "*, https://a.example", "ftp://a.example"]) {
      expect(findConfigProblems({ PRIVET_CORS_ORIGINS: bad }).map((p) => p.name)).toEqual(["PRIVET_CORS_ORIGINS"]);
    }
  });

  it("gives the README's defaults for an empty environment, and treats an empty value as unset", () => {
    const defaults = ZConfig.parse({});
    expect(defaults).toMatchObject({
      HOST: "127.0.0.1",
      PORT: 3000,
      PRIVET_DATABASE_POOL_SIZE: 10,
      PRIVET_ENCRYPTION_KEY_PREVIOUS: [],
      PRIVET_SAMPLE_RATE: 0.0025,
      PRIVET_RANKINGS_MIN_ACCOUNTS: 3,
      PRIVET_TIMEOUT_CONNECT_MS: 10_000,
      PRIVET_TIMEOUT_FIRST_BYTE_MS: 120_000,
      PRIVET_TIMEOUT_TOTAL_MS: 600_000,
      PRIVET_DIST_DIR: ".next",
      PRIVET_RATE_LIMIT_PER_MINUTE: 0,
      PRIVET_MAX_CONCURRENT_PER_PROVIDER: 256,
      PRIVET_PROVIDER_QUEUE_TIMEOUT_MS: 10_000,
      PRIVET_SIGNIN_LIMIT_PER_EMAIL: 10,
      PRIVET_SIGNIN_LIMIT_PER_ADDRESS: 50,
      PRIVET_TRUST_PROXY: false,
      PRIVET_DRAIN_SECONDS: 5,
      PRIVET_WORKERS: 1,
      PRIVET_METRICS_PER_ACCOUNT: false,
      PRIVET_TRACES_ACCOUNT_ID: false,
      PRIVET_LOG_FORMAT: "text",
      PRIVET_CORS_ORIGINS: ["*"],
      PRIVET_DEMO: false,
    });
    // Unset: a quarter of the provider limit (lib/gateway/admission.ts).
    expect(defaults.PRIVET_MAX_CONCURRENT_PER_ACCOUNT).toBeUndefined();
    expect(defaults.PRIVET_METRICS_TOKEN).toBeUndefined();
    expect(defaults.PRIVET_METRICS_PORT).toBeUndefined();
    expect(defaults.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(defaults.DATABASE_URL).toBeUndefined();
    expect(defaults.REDIS_URL).toBeUndefined();
    expect(ZConfig.parse({ PORT: "", PRIVET_TRUST_PROXY: " " })).toMatchObject({
      PORT: 3000,
      PRIVET_TRUST_PROXY: false,
    });
    expect(findConfigProblems({})).toEqual([]);
  });

  it("reads good values into their types", () => {
    expect(findConfigProblems(GOOD)).toEqual([]);
    expect(ZConfig.parse(GOOD)).toMatchObject({
      PORT: 8080,
      PRIVET_SAMPLE_RATE: 0.01,
      PRIVET_ENCRYPTION_KEY_PREVIOUS: ["old-one", "older-one"],
      PRIVET_SIGNIN_LIMIT_PER_EMAIL: 0,
      PRIVET_TRUST_PROXY: true,
      PRIVET_DRAIN_SECONDS: 10,
      PRIVET_METRICS_PORT: 9464,
      PRIVET_METRICS_PER_ACCOUNT: true,
      PRIVET_LOG_FORMAT: "json",
      PRIVET_DEMO: true,
    });
    expect(findConfigProblems({ PRIVET_LOG_FORMAT: "xml", PRIVET_DRAIN_SECONDS: "5s" }).map((p) => p.name)).toEqual([
      "PRIVET_DRAIN_SECONDS",
      "PRIVET_LOG_FORMAT",
    ]);
    expect(ZConfig.parse({ DATABASE_URL: "file:./data/privet.db" }).DATABASE_URL).toBe("file:./data/privet.db");
    expect(ZConfig.parse({ PRIVET_SAMPLE_RATE: "1" }).PRIVET_SAMPLE_RATE).toBe(1);
    expect(ZConfig.parse({ PRIVET_SAMPLE_RATE: "0" }).PRIVET_SAMPLE_RATE).toBe(0);
  });

  it("takes a switch only in its documented spellings, in any case", () => {
    for (const on of ["1", "true", "on", "yes", "TRUE", "Yes", "On"])
      expect(ZConfig.parse({ PRIVET_TRUST_PROXY: on }).PRIVET_TRUST_PROXY, on).toBe(true);
    for (const off of ["0", "false", "off", "no", "FALSE", "No"])
      expect(ZConfig.parse({ PRIVET_TRUST_PROXY: off }).PRIVET_TRUST_PROXY, off).toBe(false);
    for (const bad of ["y", "enabled", "2", "truee", "oui"]) {
      expect(findConfigProblems({ PRIVET_TRUST_PROXY: bad }), bad).toEqual([
        { name: "PRIVET_TRUST_PROXY", problem: "expected one of 1, true, on, yes, 0, false, off, no (any case)" },
      ]);
    }
  });

  it("lists every bad value, in the schema's order, with what was expected and never the value", () => {
    const bad = {
      PORT: "80a",
      HOST: "127.0.0.1",
      DATABASE_URL: "postgress://privet:SECRETPASSWORD@db/privet",
      PRIVET_DATABASE_POOL_SIZE: "0",
      REDIS_URL: "http://SECRETPASSWORD@cache",
      PRIVET_PUBLIC_URL: "privet.example.com",
      NEXTAUTH_URL: "ftp://privet.example.com",
      PRIVET_SAMPLE_RATE: "1.5",
      PRIVET_RANKINGS_MIN_ACCOUNTS: "2.5",
      PRIVET_TIMEOUT_CONNECT_MS: "0",
      PRIVET_TIMEOUT_FIRST_BYTE_MS: "10s",
      PRIVET_TIMEOUT_TOTAL_MS: "-5",
      PRIVET_RATE_LIMIT_PER_MINUTE: "lots",
      PRIVET_SIGNIN_LIMIT_PER_EMAIL: "1e3",
      PRIVET_SIGNIN_LIMIT_PER_ADDRESS: "-1",
      PRIVET_TRUST_PROXY: "maybe",
      MOCK_UPSTREAM_PORT: "70000",
    };
    const problems = findConfigProblems(bad);
    expect(problems.map((p) => p.name)).toEqual([
      "PORT",
      "DATABASE_URL",
      "PRIVET_DATABASE_POOL_SIZE",
      "REDIS_URL",
      "NEXTAUTH_URL",
      "PRIVET_PUBLIC_URL",
      "PRIVET_SAMPLE_RATE",
      "PRIVET_RANKINGS_MIN_ACCOUNTS",
      "PRIVET_TIMEOUT_CONNECT_MS",
      "PRIVET_TIMEOUT_FIRST_BYTE_MS",
      "PRIVET_TIMEOUT_TOTAL_MS",
      "PRIVET_RATE_LIMIT_PER_MINUTE",
      "PRIVET_SIGNIN_LIMIT_PER_EMAIL",
      "PRIVET_SIGNIN_LIMIT_PER_ADDRESS",
      "PRIVET_TRUST_PROXY",
      "MOCK_UPSTREAM_PORT",
    ]);
    expect(problems.find((p) => p.name === "PORT")?.problem).toBe("expected a port number from 0 to 65535");
    expect(problems.find((p) => p.name === "DATABASE_URL")?.problem).toBe(
      "expected a SQLite file: URL or a postgresql:// URL",
    );
    const text = describeConfigProblems(problems);
    expect(text.split("\n")).toHaveLength(1 + problems.length);
    expect(text).toMatch(/^16 settings are not valid/);
    for (const value of Object.values(bad).filter((v) => v.length >= 5 && v !== bad.HOST))
      expect(text).not.toContain(value);
    expect(text).not.toContain("SECRETPASSWORD");
  });
});

describe("setting", () => {
  it("follows the environment it is given, defaults when unset, and refuses a bad value without quoting it", () => {
    expect(setting("PRIVET_TIMEOUT_TOTAL_MS", {})).toBe(600_000);
    expect(setting("PRIVET_TIMEOUT_TOTAL_MS", { PRIVET_TIMEOUT_TOTAL_MS: "5000" })).toBe(5000);
    expect(setting("PRIVET_TIMEOUT_TOTAL_MS", { PRIVET_TIMEOUT_TOTAL_MS: "250" })).toBe(250);
    expect(setting("PRIVET_TRUST_PROXY", { PRIVET_TRUST_PROXY: "yes" })).toBe(true);
    expect(() => setting("PRIVET_TRUST_PROXY", { PRIVET_TRUST_PROXY: "SECRETWORD" })).toThrow(
      /^PRIVET_TRUST_PROXY: expected one of/,
    );
    expect(() => setting("PRIVET_TRUST_PROXY", { PRIVET_TRUST_PROXY: "SECRETWORD" })).not.toThrow(/SECRETWORD/);
  });
});
