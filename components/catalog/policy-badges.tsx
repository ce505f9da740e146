import { Badge } from "@/components/ui/badge";
import type { TPolicyView, TTriState } from "@/lib/docs/types";

// How a data policy looks wherever the catalog is shown. Colour only repeats what the words say.

export function RetentionBadge({ policy }: { policy: TPolicyView }) {
  const tone = policy.isZeroRetention ? "success" : policy.retention === "Unknown policy" ? "danger" : "warning";
  return <Badge tone={tone}>{policy.retention}</Badge>;
}

/** "Does not train" / "May train"; an unknown policy reads "May train" (what routing assumes) and says so. */
export function TrainingBadge({ policy }: { policy: TPolicyView }) {
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <Badge tone={policy.isNoTraining ? "success" : "danger"}>{policy.training}</Badge>
      {policy.isTrainingUnknown ? <span className="text-xs text-muted-foreground">Policy unknown</span> : null}
    </span>
  );
}

export function TriStateText({ value }: { value: TTriState }) {
  return <span className={value === "Unknown" ? "text-muted-foreground" : undefined}>{value}</span>;
}

export function ZdrBadge({ policy }: { policy: TPolicyView }) {
  const tone = policy.zdr === "Yes" ? "success" : policy.zdr === "Unknown" ? "warning" : "neutral";
  return <Badge tone={tone}>{policy.zdr === "Yes" ? "ZDR" : policy.zdr === "No" ? "Not ZDR" : "ZDR unknown"}</Badge>;
}
