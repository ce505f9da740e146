import type { Metadata } from "next";
import { requireAccount } from "@/lib/auth/session";
import { getRankings, ZRankingsQuery } from "@/lib/rankings/rankings";
import { RankingsView } from "@/components/rankings/rankings-view";

export const metadata: Metadata = { title: "Rankings" };

export default async function RankingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireAccount("/rankings");
  const rankings = await getRankings(ZRankingsQuery.parse(await searchParams));
  return <RankingsView rankings={rankings} />;
}
