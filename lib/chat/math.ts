// Math in chat replies: the delimiters models write, brought to the ones the Markdown renderer
// reads (`$…$` inline, `$$…$$` display), without touching code and without turning prices into
// formulas. Pure text and syntax-tree functions; the renderer (components/chat/markdown.tsx)
// typesets what they leave with KaTeX.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)/;

/** `\(…\)` and `\[…\]` in a stretch of prose (no code in it) rewritten with dollar signs. */
function rewriteDelimiters(prose: string): string {
  return prose
    .replace(/\\\[([\s\S]+?)\\\]/g, (_match, body: string) => `$$${body.trim()}$$`)
    .replace(/\\\(([\s\S]+?)\\\)/g, (_match, body: string) => `$${body.trim()}$`);
}

/** One block of prose lines: inline code spans kept as they are, the rest rewritten. */
function rewriteProse(lines: string[]): string {
  const text = lines.join("\n");
  let out = "";
  let prose = "";
  let index = 0;
  while (index < text.length) {
    const ticks = /^`+/.exec(text.slice(index));
    if (ticks) {
      const run = ticks[0];
      // A code span closes with a run of exactly as many backticks.
      const closer = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
      closer.lastIndex = index + run.length;
      const close = closer.exec(text);
      if (close) {
        out += rewriteDelimiters(prose) + text.slice(index, close.index + run.length);
        prose = "";
        index = close.index + run.length;
        continue;
      }
      prose += run;
      index += run.length;
      continue;
    }
    prose += text[index];
    index += 1;
  }
  return out + rewriteDelimiters(prose);
}

/**
 * A reply's `\(…\)` and `\[…\]` rewritten as `$…$` and `$$…$$`, the forms the renderer reads.
 * Fenced code blocks, indented code blocks and inline code spans are left exactly as written (a
 * regular expression in a code block keeps its `\(`).
 */
export function normalizeMathDelimiters(text: string): string {
  if (!text.includes("\\(") && !text.includes("\\[")) return text;
  const lines = text.split("\n");
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  let previousBlank = true;
  let inList = false;
  const flushProse = () => {
    if (prose.length) out.push(rewriteProse(prose));
    prose = [];
  };
  for (const line of lines) {
    if (fence) {
      out.push(line);
      const close = FENCE.exec(line);
      if (
        close &&
        close[1]![0] === fence[0] &&
        close[1]!.length >= fence.length &&
        !line.trim().slice(close[1]!.length)
      ) {
        fence = null;
      }
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      flushProse();
      fence = open[1]!;
      out.push(line);
      previousBlank = false;
      continue;
    }
    const isBlank = line.trim() === "";
    // An indented line after a blank one, outside a list, is an indented code block.
    const isIndentedCode = !isBlank && /^( {4}|\t)/.test(line) && previousBlank && !inList;
    if (isIndentedCode) {
      flushProse();
      out.push(line);
      // The code block goes on while lines stay indented or blank.
      previousBlank = true;
      continue;
    }
    if (!isBlank && !/^\s/.test(line)) inList = LIST_ITEM.test(line);
    prose.push(line);
    previousBlank = isBlank;
  }
  flushProse();
  return out.join("\n");
}

type TNode = {
  type: string;
  value?: string;
  children?: TNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
  data?: unknown;
};

/** The source text of a node, when the parser recorded where it was. */
function sourceOf(node: TNode, source: string): string | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? null : source.slice(start, end);
}

/**
 * Whether inline math written with single dollar signs reads as a formula: the text inside
 * neither starts nor ends with a space, and no digit follows the closing sign. "$5 and $10" is
 * two prices, "$x^2$" is a formula.
 */
function isFormula(node: TNode, written: string, source: string): boolean {
  if (written.startsWith("$$")) return true;
  const inner = written.slice(1, -1);
  if (!inner || /^\s/.test(inner) || /\s$/.test(inner)) return false;
  const after = source[node.position!.end.offset!] ?? "";
  return !/\d/.test(after);
}

/** What remark-math gives a display math node, so that it becomes `<pre><code class="math-display">`. */
function displayMathData(value: string) {
  const code = {
    type: "element",
    tagName: "code",
    properties: { className: ["language-math", "math-display"] },
    children: [{ type: "text", value }],
  };
  return { hName: "pre", hChildren: [code] };
}

function fixMath(parent: TNode, source: string): void {
  const children = parent.children;
  if (!children) return;
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index]!;
    if (child.type === "inlineMath") {
      const written = sourceOf(child, source);
      if (written === null) continue;
      if (!isFormula(child, written, source)) {
        children[index] = { type: "text", value: written, position: child.position };
      }
      continue;
    }
    // A paragraph that is nothing but `$$…$$` is display math, as it would be on lines of its own.
    if (child.type === "paragraph" && child.children?.length === 1 && child.children[0]!.type === "inlineMath") {
      const written = sourceOf(child.children[0]!, source);
      if (written?.startsWith("$$")) {
        const value = child.children[0]!.value ?? "";
        children[index] = { type: "math", value, position: child.position, data: displayMathData(value) };
        continue;
      }
    }
    fixMath(child, source);
  }
}

/**
 * A remark plugin, run after remark-math: single-dollar "math" that is really prices goes back to
 * text, and a paragraph holding only `$$…$$` becomes display math.
 */
export function remarkMathInProse() {
  return (tree: TNode, file: { value: unknown }) => {
    fixMath(tree, String(file.value));
  };
}
