import type { TCategoryRanking, TTokenRanking } from "@/lib/rankings/rankings";
import { cn } from "@/components/ui/cn";
import { formatInteger, formatPercent } from "@/lib/format";

const TH = "px-4 py-3 text-left text-xs font-medium tracking-wide text-muted-foreground uppercase whitespace-nowrap";
const TD = "px-4 py-3 align-middle whitespace-nowrap tabular-nums";
const NUM = "text-right";

function ModelCell({ name, model }: { name: string; model: string }) {
  return (
    <th scope="row" className={cn(TD, "text-left font-normal")}>
      <span className="block font-medium">{name}</span>
      {name !== model ? <span className="block font-mono text-xs text-muted-foreground">{model}</span> : null}
    </th>
  );
}

export function TokenRankingTable({ rows, caption }: { rows: TTokenRanking[]; caption: string }) {
  return (
    <div
      className="overflow-x-auto rounded-xl border bg-card shadow-xs"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b bg-muted/40">
          <tr>
            <th scope="col" className={TH}>
              #
            </th>
            <th scope="col" className={TH}>
              Model
            </th>
            <th scope="col" className={cn(TH, NUM)}>
              Total tokens
            </th>
            <th scope="col" className={cn(TH, NUM)}>
              Share
            </th>
            <th scope="col" className={cn(TH, NUM)}>
              Prompt
            </th>
            <th scope="col" className={cn(TH, NUM)}>
              Completion
            </th>
            <th scope="col" className={cn(TH, NUM)}>
              Requests
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.model} className="border-b last:border-b-0">
              <td className={cn(TD, "text-muted-foreground")}>{index + 1}</td>
              <ModelCell name={row.name} model={row.model} />
              <td className={cn(TD, NUM, "font-medium")}>{formatInteger(row.totalTokens)}</td>
              <td className={cn(TD, NUM)}>{formatPercent(row.share)}</td>
              <td className={cn(TD, NUM)}>{formatInteger(row.promptTokens)}</td>
              <td className={cn(TD, NUM)}>{formatInteger(row.completionTokens)}</td>
              <td className={cn(TD, NUM)}>{formatInteger(row.requests)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CategoryRankingTable({ rows, caption }: { rows: TCategoryRanking[]; caption: string }) {
  return (
    <div
      className="overflow-x-auto rounded-xl border bg-card shadow-xs"
      tabIndex={0}
      role="region"
      aria-label={caption}
    >
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b bg-muted/40">
          <tr>
            <th scope="col" className={TH}>
              #
            </th>
            <th scope="col" className={TH}>
              Model
            </th>
            <th scope="col" className={cn(TH, NUM)}>
              Share of samples
            </th>
            <th scope="col" className={cn(TH, NUM)}>
              Samples
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.model} className="border-b last:border-b-0">
              <td className={cn(TD, "text-muted-foreground")}>{index + 1}</td>
              <ModelCell name={row.name} model={row.model} />
              <td className={cn(TD, NUM, "font-medium")}>{formatPercent(row.share)}</td>
              <td className={cn(TD, NUM)}>{formatInteger(row.samples)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
