"use client";

import { memo, type ComponentProps } from "react";
import Markdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { CopyButton } from "@/components/ui/copy-button";
import "./markdown.css";

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

const REMARK_PLUGINS = [remarkGfm];
const REHYPE_PLUGINS = [rehypeHighlight];

/**
 * A reply rendered as Markdown (GitHub flavour). Raw HTML in the text is shown as text, never run.
 * While a reply streams, highlighting is skipped: the text changes on every token and the block
 * is highlighted once it is complete.
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
        rehypePlugins={isStreaming ? [] : REHYPE_PLUGINS}
        components={COMPONENTS}
      >
        {text}
      </Markdown>
    </div>
  );
});
