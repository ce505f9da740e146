import { ActivitySkeleton } from "@/components/activity/activity-skeleton";

export default function ActivityLoading() {
  return <ActivitySkeleton />;
}
