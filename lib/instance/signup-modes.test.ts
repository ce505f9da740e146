import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "@/lib/instance/signup-modes";

describe("isLoopbackHost (sign-up is open by default only there)", () => {
  it("knows the loopback addresses", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"])
      expect(isLoopbackHost(host), host).toBe(true);
  });
  it("treats every other address, the wildcard ones included, as reachable from a network", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "privet.example.com", "127.0.0.1.example.com"])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});
