import { afterEach, describe, expect, it, vi } from "vitest";
import { describeError, logError, logInfo } from "@/lib/log";

const MARKER = "prompt-text-that-must-never-be-logged";

describe("the server log", () => {
  afterEach(() => vi.restoreAllMocks());

  it("names an error by its class and code, never its message", () => {
    const error = Object.assign(new TypeError(`bad value ${MARKER}`), { code: "ERR_BAD" });
    expect(describeError(error)).toBe("TypeError ERR_BAD");
    expect(describeError(new RangeError(MARKER))).toBe("RangeError");
    expect(describeError(MARKER)).toBe("string");
    expect(describeError(null)).toBe("null");
  });

  it("leaves out a code that is not a short identifier (it could carry text)", () => {
    expect(describeError(Object.assign(new Error("x"), { code: `a ${MARKER}` }))).toBe("Error");
    expect(describeError(Object.assign(new Error("x"), { code: 42 }))).toBe("Error");
  });

  it("writes one prefixed line per call, with the error reduced to class and code", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const infos = vi.spyOn(console, "log").mockImplementation(() => {});
    logError("export failed", new Error(MARKER));
    logError("dropped 2 records");
    logInfo("purge: 3 deleted");
    expect(errors.mock.calls).toEqual([["[privet] export failed: Error"], ["[privet] dropped 2 records"]]);
    expect(infos.mock.calls).toEqual([["[privet] purge: 3 deleted"]]);
  });
});
