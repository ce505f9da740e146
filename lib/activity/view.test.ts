import { describe, expect, it } from "vitest";
import { appLabel, generationMs, speedOf } from "@/lib/activity/view";
import { csvField } from "@/lib/activity/csv";

describe("derived values", () => {
  it("attributes apps by referer, named by title or host; without a referer the app is Unknown", () => {
    expect(appLabel("Notes", "https://notes.example.com/x")).toBe("Notes");
    expect(appLabel(null, "https://notes.example.com/x")).toBe("notes.example.com");
    expect(appLabel("  ", "not a url")).toBe("not a url");
    expect(appLabel("Titled but anonymous", null)).toBe("Unknown");
  });

  it("measures speed over the generation time, or the whole latency when the answer came at once", () => {
    expect(generationMs(1000, 200)).toBe(800);
    expect(generationMs(1000, 1000)).toBe(1000);
    expect(speedOf(80, 1000, 200)).toBe(100);
    expect(speedOf(50, 500, 500)).toBe(100);
    expect(speedOf(0, 1000, 200)).toBeNull();
    expect(speedOf(10, null, null)).toBeNull();
    expect(speedOf(10, 0, 0)).toBeNull();
  });
});

describe("CSV fields", () => {
  it("quote what needs quoting and defuse spreadsheet formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
    expect(csvField(0.000123)).toBe("0.000123");
    expect(csvField(true)).toBe("true");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("+1,2")).toBe(`"'+1,2"`);
  });
});
