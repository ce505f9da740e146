import Link from "next/link";

export function SiteFooter() {
  return (
    <footer data-site-footer className="border-t">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>Privet keeps nothing you type unless you opt in.</p>
        <nav aria-label="Footer">
          <ul className="flex gap-4">
            <li>
              <Link href="/docs" className="hover:text-foreground">
                Docs
              </Link>
            </li>
            <li>
              <Link href="/settings/privacy" className="hover:text-foreground">
                Privacy settings
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
