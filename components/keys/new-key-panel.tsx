"use client";

import { useEffect, useRef } from "react";
import { TriangleAlert } from "lucide-react";
import type { TCreatedApiKey } from "@/lib/keys/api-key-view";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";

/** The new key in plaintext, this once. Focus moves here so screen readers announce it. */
export function NewKeyPanel({ created, onDone }: { created: TCreatedApiKey; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section
      aria-labelledby="new-key-heading"
      className="flex flex-col gap-4 rounded-xl border border-brand/40 bg-brand-soft/50 p-5 shadow-xs sm:p-6"
    >
      <div className="flex flex-col gap-1.5">
        <h3 id="new-key-heading" ref={headingRef} tabIndex={-1} className="text-base font-semibold outline-none">
          Your new key “{created.apiKey.name}”
        </h3>
        <p className="flex items-start gap-2 text-sm text-warning">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span>
            Copy it now: it will not be shown again. Privet stores only a fingerprint of the key, so if you lose it,
            revoke it and create another.
          </span>
        </p>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          readOnly
          value={created.key}
          aria-label="Your new API key"
          className="font-mono text-sm sm:text-sm"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={created.key} />
      </div>
      <div>
        <Button variant="ghost" size="sm" onClick={onDone}>
          Done, I have saved it
        </Button>
      </div>
    </section>
  );
}
