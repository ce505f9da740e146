"use client";

import { useEffect } from "react";

/**
 * Scrolls to the element the URL's #fragment names once this page's content is in place. The
 * browser does it on its own only when the element is there as the page loads; behind a loading
 * state, the content streams in after that moment, and links such as `/docs#provider-<slug>`
 * (from receipts and model pages) would open at the top.
 */
export function ScrollToHash() {
  useEffect(() => {
    let id = window.location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // A malformed escape: look the fragment up as written.
    }
    if (id !== "") document.getElementById(id)?.scrollIntoView();
  }, []);
  return null;
}
