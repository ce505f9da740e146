"use client";

import { useState, type FormEvent } from "react";
import { MAX_TITLE_CHARS } from "@/lib/chat/history";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";

export function RenameConversationDialog({
  title,
  open,
  onOpenChange,
  onRename,
}: {
  title: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRename: (title: string) => void;
}) {
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("title") ?? "").trim();
    if (!value) {
      setError("Give the conversation a name.");
      return;
    }
    setError(null);
    onRename(value.slice(0, MAX_TITLE_CHARS));
    onOpenChange(false);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Rename conversation">
      {/* Keyed by the title so the field starts from the current name each time the dialog opens. */}
      <form key={`${title}-${open}`} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <TextField
          id="conversation-title"
          name="title"
          label="Name"
          defaultValue={title}
          maxLength={MAX_TITLE_CHARS}
          error={error}
          autoComplete="off"
          autoFocus
        />
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit">Save</Button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteConversationDialog({
  title,
  open,
  onOpenChange,
  onDelete,
}: {
  title: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDelete: () => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete “${title}”?`}
      description="The conversation is removed from this browser. Export it first if you want a copy. Its metadata records on the server are not affected (delete those from Activity)."
    >
      <div className="flex justify-end gap-2">
        {/* Cancel first and focused: deleting should take a deliberate choice. */}
        <Button variant="outline" autoFocus onClick={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button
          variant="destructive"
          onClick={() => {
            onDelete();
            onOpenChange(false);
          }}
        >
          Delete conversation
        </Button>
      </div>
    </Dialog>
  );
}
