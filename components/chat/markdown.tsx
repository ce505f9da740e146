"use client";

import { memo, type ComponentProps } from "react";
import Markdown, { type Components, type Options as TMarkdownOptions } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeKatex, { type Options as TKatexOptions } from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { CopyButton } from "@/components/ui/copy-button";
import { normalizeMathDelimiters, remarkMathInProse } from "@/lib/chat/math";
// KaTeX's stylesheet and fonts are bundled with the app: nothing is fetched from elsewhere.
import "katex/dist/katex.min.css";
import "./markdown.css";

type PluggableList = NonNullable<TMarkdownOptions["remarkPlugins"]>;

type THastNode = {
  type: string;
  value?: string;
  tagName?: string;
  properties?: { className?: unknown };
  children?: THastNode[];
};

function textOf(node: THastNode | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}

function languageOf(node: THastNode | undefined): string | null {
  const code = node?.children?.find((child) => child.tagName === "code");
  const classes = Array.isArray(code?.properties?.className) ? (code.properties.className as string[]) : [];
  const language = classes.find((name) => name.startsWith("language-"));
  return language ? language.slice("language-".length) : null;
}

/** A fenced code block: language label, copy button, sideways scrolling on narrow screens. */
function CodeBlock({ node, children }: ComponentProps<"pre"> & { node?: unknown }) {
  const hast = node as THastNode | undefined;
  const code = textOf(hast).replace(/\n$/, "");
  const language = languageOf(hast);
  return (
    <figure className="chat-code my-3 min-w-0 overflow-hidden rounded-lg border bg-muted/60">
      <figcaption className="flex items-center justify-between gap-2 border-b py-1 pr-1 pl-3 text-xs text-muted-foreground">
        <span className="font-mono">{language ?? "code"}</span>
        <CopyButton value={code} label="Copy code" size="sm" className="shadow-none" />
      </figcaption>
      {/* tabIndex lets keyboard users scroll the block sideways. */}
      <pre tabIndex={0} className="overflow-x-auto p-3 font-mono text-[13px] leading-relaxed">
        {children}
      </pre>
    </figure>
  );
}

const COMPONENTS: Components = {
  pre: CodeBlock,
  a: ({ node: _node, href, children, ...props }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" {...props}>
      {children}
    </a>
  ),
  table: ({ node: _node, children, ...props }) => (
    <div className="my-3 overflow-x-auto" tabIndex={0}>
      <table {...props}>{children}</table>
    </div>
  ),
};

/**
 * KaTeX as a typesetter only: no links, classes, ids or styles from the formula (`trust: false`),
 * no warnings for LaTeX it does not know, and the
 * size and macro expansion of one formula are bounded.
 */
const KATEX_OPTIONS: TKatexOptions = {
  trust: false,
  strict: "ignore",
  output: "htmlAndMathml",
  maxSize: 20,
  maxExpand: 500,
};

// A formula KaTeX cannot read is shown as written (rehype-katex's own fallback).
const REMARK_PLUGINS: PluggableList = [remarkGfm, remarkMath, remarkMathInProse];
const REHYPE_PLUGINS: PluggableList = [[rehypeKatex, KATEX_OPTIONS], rehypeHighlight];
const STREAMING_REHYPE_PLUGINS: PluggableList = [[rehypeKatex, KATEX_OPTIONS]];

/**
 * A reply rendered as Markdown (GitHub flavour) with math: `$…$` or `\(…\)` inline, `$$…$$` or
 * `\[…\]` on their own, typeset by KaTeX; code keeps its dollar signs and backslashes. Raw HTML in
 * the text is shown as text, never run. While a reply streams, highlighting is skipped: the text
 * changes on every token and the block is highlighted once it is complete.
 */
export const MarkdownMessage = memo(function MarkdownMessage({
  text,
  isStreaming = false,
}: {
  text: string;
  isStreaming?: boolean;
}) {
  return (
    <div className="chat-markdown min-w-0 break-words">
      <Markdown
        remarkPlugins={REMARK_PLUGINS}
        rehypePlugins={isStreaming ? STREAMING_REHYPE_PLUGINS : REHYPE_PLUGINS}
        components={COMPONENTS}
      >
        {normalizeMathDelimiters(text)}
      </Markdown>
    </div>
  );
});
