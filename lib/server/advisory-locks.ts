// PostgreSQL advisory lock keys, one per job that must not run on two instances at once.
// Fixed 64-bit numbers (as strings for pg); "privet" in ASCII in the high bytes keeps them apart
// from any other application's locks on a shared server.
export const ADVISORY_LOCKS = {
  migrate: "123666946762100001",
  catalogLoad: "123666946762100002",
  purge: "123666946762100003",
} as const;
