import { GenerationSkeleton } from "@/components/activity/generation-skeleton";

export default function GenerationLoading() {
  return <GenerationSkeleton />;
}
