import { DocsSkeleton } from "@/components/docs/docs-skeleton";

export default function DocsLoading() {
  return <DocsSkeleton label="Loading the docs" />;
}
