import { describe, expect, it } from "vitest";
import { findCycles, importGraph, importsOf } from "@/scripts/import-cycles";

describe("import cycles", () => {
  it("reads static imports and re-exports, across lines, but not dynamic imports", () => {
    const source = [
      `import { a } from "@/lib/a";`,
      `import type {`,
      `  TB,`,
      `} from "./b";`,
      `export { c } from "../c";`,
      `import "@/lib/side-effect";`,
      `const later = await import("@/lib/later");`,
      `const text = "from \\"@/lib/not-an-import\\"";`,
    ].join("\n");
    expect(importsOf(source).sort()).toEqual(["../c", "./b", "@/lib/a", "@/lib/side-effect"]);
  });

  it("finds each cycle once, whatever its length, and nothing in a graph that layers", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
      ["e", ["e"]],
      ["f", ["d"]],
    ]);
    expect(findCycles(graph)).toEqual([["a", "b", "c"], ["e"]]);
    expect(
      findCycles(
        new Map([
          ["x", ["y"]],
          ["y", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("lib/ has none", () => {
    const graph = importGraph(process.cwd(), "lib");
    expect(graph.size).toBeGreaterThan(50);
    expect(findCycles(graph)).toEqual([]);
  });
});
