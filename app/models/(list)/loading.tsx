import { DocsSkeleton } from "@/components/docs/docs-skeleton";

// In the (list) group so it wraps the list alone: a loading boundary above the model pages would
// send their "not found" with status 200, since the response would already be streaming.
export default function ModelsLoading() {
  return <DocsSkeleton label="Loading models" />;
}
