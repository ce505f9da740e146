import { Search } from "lucide-react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Searches accounts by email: a plain GET form, so it works before the page is interactive. */
export function UserSearch({ search }: { search: string }) {
  return (
    <form method="get" action="/admin" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="flex flex-1 flex-col gap-1.5">
        <Label htmlFor="admin-user-search">Search by email</Label>
        <Input id="admin-user-search" name="q" type="search" defaultValue={search} placeholder="name@example.com" />
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="outline">
          <Search className="size-4" aria-hidden="true" />
          Search
        </Button>
        {search ? (
          <a href="/admin" className={buttonClasses({ variant: "ghost" })}>
            Clear
          </a>
        ) : null}
      </div>
    </form>
  );
}
