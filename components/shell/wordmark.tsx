import Link from "next/link";

export function Wordmark() {
  return (
    <Link
      href="/"
      className="group inline-flex items-center gap-2 rounded-md text-lg font-semibold tracking-tight"
      aria-label="Privet home"
    >
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-lg bg-primary text-sm font-bold text-primary-foreground shadow-sm transition-transform group-hover:-rotate-6"
      >
        P
      </span>
      <span>
        Privet<span className="text-brand">.</span>
      </span>
    </Link>
  );
}
