import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { activityHref, activitySearchParams, DEFAULT_QUERY, NONE, parseActivityQuery } from "@/lib/activity/query";

describe("the activity URL", () => {
  it("round-trips every view through its search parameters", () => {
    const query = {
      ...DEFAULT_QUERY,
      range: "year" as const,
      group: "key" as const,
      metric: "tokens" as const,
      sort: "cost" as const,
      dir: "asc" as const,
      after: "eyJzIjoiY29zdCJ9",
      filters: {
        from: new Date("2026-11-01T00:00:00.000Z"),
        to: new Date("2026-11-08T00:00:00.000Z"),
        model: "e2e/echo",
        provider: NONE,
        key: "ckey123",
        status: "error" as const,
        app: "https://a.example/x?y=1",
      },
    };
    expect(parseActivityQuery(activitySearchParams(query))).toEqual(query);
  });

  it("leaves defaults out of the URL", () => {
    expect(activityHref(DEFAULT_QUERY)).toBe("/activity");
    expect(activityHref({ ...DEFAULT_QUERY, range: "hour" })).toBe("/activity?range=hour");
  });

  it("drops each parameter that does not parse and keeps the rest", () => {
    const query = parseActivityQuery(
      new URLSearchParams(
        "range=decade&sort=mood&dir=up&status=weird&from=yesterday&to=2026-02-30&model=e2e%2Fecho&after=not%20a%20cursor",
      ),
    );
    expect(query).toEqual({ ...DEFAULT_QUERY, filters: { model: "e2e/echo" } });
    // No stored value can hold U+0000 (and PostgreSQL refuses it in a query).
    expect(parseActivityQuery(new URLSearchParams("model=a%00b&provider=%00&app=x")).filters).toEqual({ app: "x" });
  });

  it("reads a bare UTC day as that day's midnight, and a cursor only in one direction", () => {
    const query = parseActivityQuery({ from: "2026-11-01", after: "abc", before: "def" });
    expect(query.filters.from?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(query).toMatchObject({ after: "abc", before: null });
  });

  it("never throws, whatever the URL holds", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            "range",
            "group",
            "metric",
            "from",
            "to",
            "model",
            "provider",
            "key",
            "status",
            "app",
            "sort",
            "dir",
            "after",
            "before",
          ),
          fc.string(),
        ),
        (params) => {
          const query = parseActivityQuery(params);
          expect(parseActivityQuery(activitySearchParams(query))).toEqual(query);
        },
      ),
    );
  });
});
