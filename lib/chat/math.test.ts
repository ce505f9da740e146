import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownMessage } from "@/components/chat/markdown";
import { normalizeMathDelimiters } from "./math";

/** The reply as the chat renders it, and its math: each formula's TeX source and whether it is a display. */
function render(text: string, isStreaming = false) {
  const html = renderToStaticMarkup(createElement(MarkdownMessage, { text, isStreaming }));
  const formulas = [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map(
    (match) => match[1],
  );
  const displays = html.split('class="katex-display"').length - 1;
  return { html, formulas, displays };
}

describe("normalizeMathDelimiters", () => {
  it("rewrites \\(…\\) and \\[…\\] in prose as dollar math", () => {
    expect(normalizeMathDelimiters("So \\(a^2 + b^2\\) holds.")).toBe("So $a^2 + b^2$ holds.");
    expect(normalizeMathDelimiters("Then\n\\[\n  x = 1\n\\]\nend")).toBe("Then\n$$x = 1$$\nend");
  });

  it("leaves fenced code, indented code and inline code exactly as written", () => {
    const fenced = "```js\nconst re = /\\(\\d+\\)/;\n```\nand \\(x\\)";
    expect(normalizeMathDelimiters(fenced)).toBe("```js\nconst re = /\\(\\d+\\)/;\n```\nand $x$");
    const indented = "Code:\n\n    grep '\\(a\\)' file\n\nthen \\(y\\)";
    expect(normalizeMathDelimiters(indented)).toBe("Code:\n\n    grep '\\(a\\)' file\n\nthen $y$");
    expect(normalizeMathDelimiters("use `\\(x\\)` or \\(z\\)")).toBe("use `\\(x\\)` or $z$");
  });

  it("rewrites math in an indented list continuation", () => {
    expect(normalizeMathDelimiters("- first\n\n    \\(x\\) here")).toBe("- first\n\n    $x$ here");
  });

  it("returns text without those delimiters unchanged", () => {
    const text = "Nothing *here* costs $5.";
    expect(normalizeMathDelimiters(text)).toBe(text);
  });
});

describe("math in a rendered reply", () => {
  it("typesets inline math written $…$ or \\(…\\)", () => {
    const { formulas, displays, html } = render("The area is $\\pi r^2$ and \\(e^{i\\pi} = -1\\).");
    expect(formulas).toEqual(["\\pi r^2", "e^{i\\pi} = -1"]);
    expect(displays).toBe(0);
    expect(html).not.toContain("$");
  });

  it("typesets display math written $$…$$ (on lines of its own or one line) or \\[…\\]", () => {
    const { formulas, displays } = render(
      "Sum:\n\n$$\n\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}\n$$\n\nOne line:\n\n$$a + b$$\n\nBrackets:\n\n\\[\nx^2\n\\]",
    );
    expect(formulas).toEqual(["\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}", "a + b", "x^2"]);
    expect(displays).toBe(3);
  });

  it("also while the reply streams", () => {
    expect(render("So $x^2$ and", true).formulas).toEqual(["x^2"]);
  });

  it("leaves math in code blocks and code spans as written", () => {
    const { formulas, html } = render("```tex\n$x^2$ and \\(y\\)\n```\n\nInline `$z$` too.");
    expect(formulas).toEqual([]);
    expect(html).toContain("$x^2$ and \\(y\\)");
    expect(html).toContain("<code>$z$</code>");
  });

  it("reads prices as prices, not as a formula", () => {
    const { formulas, html } = render("Tea is $5 and coffee $10, or $3.50 to go.");
    expect(formulas).toEqual([]);
    expect(html).toContain("Tea is $5 and coffee $10, or $3.50 to go.");
  });

  it("makes no links, classes or styles from a formula, and shows raw HTML as text", () => {
    const { html } = render(
      "$\\href{javascript:alert(1)}{x}$ $\\url{https://example.com}$ $\\htmlClass{evil}{y}$ $\\htmlStyle{color:red}{z}$\n\n<img src=x onerror=alert(1)>",
    );
    // The commands are refused (shown in red as written); their TeX stays only as text.
    expect(html).not.toMatch(/<a\b|href=/);
    expect(html).not.toMatch(/class="[^"]*evil/);
    expect(html).not.toMatch(/style="[^"]*color:red/);
    expect(html).not.toMatch(/<img\b/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("shows a formula KaTeX cannot read as written, without failing the reply", () => {
    const { html } = render("Broken $\\frac{1}{$ but the rest stays.\n\nNext paragraph.");
    expect(html).toContain("Next paragraph.");
    expect(html).toContain("katex-error");
  });
});
