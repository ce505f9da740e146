"use client";

import { Dialog } from "@/components/ui/dialog";

/** The chat's keyboard shortcuts; Ctrl stands for ⌘ on a Mac. */
export const CHAT_SHORTCUTS: { keys: string; action: string }[] = [
  { keys: "Enter", action: "Send the message" },
  { keys: "Shift+Enter", action: "New line in the message" },
  { keys: "Esc", action: "Stop the reply (in the message box)" },
  { keys: "Shift+Esc", action: "Focus the message box" },
  { keys: "Ctrl+Shift+O", action: "New chat" },
  { keys: "Ctrl+Shift+C", action: "Copy the last reply" },
  { keys: "Ctrl+/", action: "Show these shortcuts" },
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="On a Mac, press ⌘ where Ctrl is written."
    >
      <table className="w-full text-sm">
        <caption className="sr-only">Keyboard shortcuts</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {CHAT_SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys} className="border-b last:border-b-0">
              <td className="py-2 pr-4 whitespace-nowrap">
                <kbd className="rounded border bg-muted px-1.5 py-0.5 font-sans text-xs font-medium">
                  {shortcut.keys}
                </kbd>
              </td>
              <td className="py-2 text-muted-foreground">{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
