// Joins class names, dropping falsy ones. Components avoid conflicting utilities by design,
// so no class-merging library is needed.
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
