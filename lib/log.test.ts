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

  it("puts the request id before the event in a text line", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    logError("internal error", new Error(MARKER), { requestId: "req-1" });
    expect(errors.mock.calls).toEqual([["[privet] req-1 internal error: Error"]]);
  });

  it("writes one JSON object per line with PRIVET_LOG_FORMAT=json: level, time, event, request id, error class and code", () => {
    vi.stubEnv("PRIVET_LOG_FORMAT", "json");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const infos = vi.spyOn(console, "log").mockImplementation(() => {});
    logError("export failed", Object.assign(new TypeError(MARKER), { code: "ERR_X" }), { requestId: "gen-1" });
    logInfo("ready");
    vi.unstubAllEnvs();
    const [errorLine] = errors.mock.calls.map((call) => String(call[0]));
    const [infoLine] = infos.mock.calls.map((call) => String(call[0]));
    expect(errorLine).not.toContain(MARKER);
    expect(JSON.parse(errorLine!)).toEqual({
      level: "error",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      event: "export failed",
      request_id: "gen-1",
      error: { class: "TypeError", code: "ERR_X" },
    });
    expect(JSON.parse(infoLine!)).toEqual({ level: "info", time: expect.any(String), event: "ready" });
  });
});
