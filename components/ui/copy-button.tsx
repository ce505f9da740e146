"use client";

import { useEffect, useRef, useState } from "react";
import { Check, Copy } from "lucide-react";
import { toast } from "sonner";
import { Button, type TButtonSize } from "@/components/ui/button";

/**
 * Copies text with the async Clipboard API. That API exists only in secure contexts, and a
 * self-hosted install is often reached over plain http on a LAN address, so there is a fallback.
 */
async function copyText(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  const isCopied = document.execCommand("copy");
  area.remove();
  if (!isCopied) throw new Error("copy refused");
}

export function CopyButton({
  value,
  label = "Copy",
  size,
  className,
}: {
  value: string;
  label?: string;
  size?: TButtonSize;
  className?: string;
}) {
  const [isCopied, setIsCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function onCopy() {
    try {
      await copyText(value);
      setIsCopied(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setIsCopied(false), 2000);
    } catch {
      toast.error("Could not copy. Select the text and copy it yourself.");
    }
  }

  return (
    <>
      <Button variant="outline" size={size} onClick={onCopy} className={className}>
        {isCopied ? (
          <Check className="size-4 text-success" aria-hidden="true" />
        ) : (
          <Copy className="size-4" aria-hidden="true" />
        )}
        {isCopied ? "Copied" : label}
      </Button>
      <span role="status" className="sr-only">
        {isCopied ? "Copied to the clipboard" : ""}
      </span>
    </>
  );
}
