// Classes that turn a table into a list of cards below the `sm` breakpoint: each row a card, each
// cell a line with its column's name before it (the cell's `data-label`), the heading row hidden
// visually (screen readers keep it). Used by DataTable's `cardsOnPhone` and the API keys table.
export const PHONE_CARDS = {
  table: "max-sm:block max-sm:min-w-0 max-sm:whitespace-normal",
  head: "max-sm:sr-only",
  body: "max-sm:block",
  row: "max-sm:flex max-sm:flex-col max-sm:gap-1 max-sm:px-4 max-sm:py-3",
  /** A cell: its label comes from `data-label` (empty for a column without a name, such as actions). */
  cell: "max-sm:static max-sm:flex max-sm:min-w-0 max-sm:items-center max-sm:justify-between max-sm:gap-3 max-sm:border-0 max-sm:bg-transparent max-sm:p-0 max-sm:text-left max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:text-muted-foreground max-sm:before:content-[attr(data-label)]",
} as const;
