import { RankingsSkeleton } from "@/components/rankings/rankings-skeleton";

export default function Loading() {
  return <RankingsSkeleton />;
}
