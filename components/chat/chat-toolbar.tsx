"use client";

import { useState } from "react";
import { Brain, Download, PanelLeft, Pencil, ShieldCheck, SlidersHorizontal, Trash2 } from "lucide-react";
import type { TConversation } from "@/lib/chat/history";
import {
  optionsKey,
  type TAccountSettingsView,
  type TChatModelView,
  type TConversationOptions,
} from "@/lib/chat/types";
import { Button } from "@/components/ui/button";
import { usePopover } from "@/components/ui/popover";
import type { TFixHandler } from "@/components/chat/chat-error";
import { ConversationSettings } from "@/components/chat/conversation-settings";
import { DeleteConversationDialog, RenameConversationDialog } from "@/components/chat/conversation-dialogs";
import { downloadExport } from "@/components/chat/export-download";
import { ModelPicker } from "@/components/chat/model-picker";
import { PrivacyOptions } from "@/components/chat/privacy-options";

/** What "Think" says about the model at the providers the settings (and the options) leave. */
function thinkState(model: TChatModelView | undefined, options: TConversationOptions) {
  const availability = model?.availability[optionsKey(options)];
  // "Think" is offered only when a provider the settings allow can reason. A conversation that had it
  // on keeps the option; the router leaves the reasoning out for providers that cannot reason.
  const canThink = availability === undefined || availability.reasoning !== "none";
  const hint = !canThink
    ? `${model?.name ?? "This model"} cannot think before answering at the providers your settings allow.`
    : availability?.reasoning === "some"
      ? "Ask the model to think before it answers. Only some of the providers your settings allow can; the others answer without thinking. Its thinking shows folded above the reply and counts as output tokens."
      : "Ask the model to think before it answers. Its thinking shows folded above the reply and counts as output tokens.";
  return { canThink, hint };
}

/**
 * The bar above the conversation: the list (on phones), the model, the conversation's privacy
 * options and Think, and rename / export / delete for a saved conversation.
 */
export function ChatToolbar({
  models,
  settings,
  conversation,
  model,
  isSaved,
  isStreaming,
  isSidebarOpen,
  onOpenSidebar,
  onSelectModel,
  onOptionsChange,
  onConversationFix,
  onRename,
  onDelete,
  defaultSystemPrompt,
  onDefaultSystemPromptChange,
}: {
  models: TChatModelView[];
  settings: TAccountSettingsView;
  conversation: TConversation;
  /** The conversation's model, when the catalog has it. */
  model: TChatModelView | undefined;
  isSaved: boolean;
  isStreaming: boolean;
  isSidebarOpen: boolean;
  onOpenSidebar: () => void;
  onSelectModel: (modelId: string) => void;
  onOptionsChange: (options: TConversationOptions) => void;
  onConversationFix: TFixHandler;
  onRename: (title: string) => void;
  onDelete: () => void;
  /** This browser's system prompt for new chats ("" for none). */
  defaultSystemPrompt: string;
  onDefaultSystemPromptChange: (text: string) => void;
}) {
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const privacy = usePopover();
  const modelSettings = usePopover();
  const { options } = conversation;
  const key = optionsKey(options);
  const think = thinkState(model, options);
  const isThinking = options.reasoning === true && think.canThink;
  const activeOptionCount =
    (options.denyDataCollection ? 1 : 0) +
    (options.zdr || settings.zdrOnly ? 1 : 0) +
    (options.order.length > 0 ? 1 : 0);
  const settingCount =
    (options.systemPrompt ? 1 : 0) +
    (options.temperature !== undefined ? 1 : 0) +
    (options.maxTokens !== undefined ? 1 : 0);

  return (
    <>
      {/* On a phone the model takes the first row whole (its name is not cut short); the options wrap below. */}
      <div className="relative flex flex-wrap items-center gap-2 border-b px-2 py-2 sm:flex-nowrap sm:px-4">
        <Button
          variant="ghost"
          size="icon"
          className="md:hidden"
          aria-label="Conversations"
          aria-expanded={isSidebarOpen}
          onClick={onOpenSidebar}
        >
          <PanelLeft className="size-5" aria-hidden="true" />
        </Button>
        <div className="flex min-w-0 max-sm:flex-1 max-sm:basis-[calc(100%-3rem)]">
          <ModelPicker
            models={models}
            selectedId={conversation.model}
            optionsKey={key}
            onSelect={onSelectModel}
            onConversationFix={onConversationFix}
          />
        </div>
        <div {...privacy.rootProps} className="static sm:relative">
          <Button
            {...privacy.triggerProps}
            variant="outline"
            size="sm"
            className="h-9"
            aria-label={activeOptionCount > 0 ? `Privacy options (${activeOptionCount} active)` : "Privacy options"}
          >
            <ShieldCheck className="size-4 text-brand" aria-hidden="true" />
            <span className="hidden sm:inline">Privacy</span>
            {activeOptionCount > 0 ? (
              <span className="rounded-full bg-brand-soft px-1.5 text-xs font-semibold text-brand" aria-hidden="true">
                {activeOptionCount}
              </span>
            ) : null}
          </Button>
          <div
            {...privacy.panelProps}
            className="absolute inset-x-2 top-full z-30 mt-2 max-h-[calc(100dvh-9rem)] overflow-y-auto rounded-xl shadow-xl sm:inset-x-auto sm:right-auto sm:left-0 sm:w-[26rem]"
          >
            <PrivacyOptions
              options={options}
              onChange={onOptionsChange}
              settings={settings}
              model={model}
              optionsKey={key}
            />
          </div>
        </div>
        <div {...modelSettings.rootProps} className="static sm:relative">
          <Button
            {...modelSettings.triggerProps}
            variant="outline"
            size="sm"
            className="h-9"
            aria-label={settingCount > 0 ? `Model settings (${settingCount} set)` : "Model settings"}
          >
            <SlidersHorizontal className="size-4" aria-hidden="true" />
            <span className="hidden sm:inline">Settings</span>
            {settingCount > 0 ? (
              <span className="rounded-full bg-muted px-1.5 text-xs font-semibold" aria-hidden="true">
                {settingCount}
              </span>
            ) : null}
          </Button>
          <div
            {...modelSettings.panelProps}
            className="absolute inset-x-2 top-full z-30 mt-2 max-h-[calc(100dvh-9rem)] overflow-y-auto rounded-xl shadow-xl sm:inset-x-auto sm:right-auto sm:left-0 sm:w-[26rem]"
          >
            {modelSettings.isOpen ? (
              <ConversationSettings
                options={options}
                onChange={onOptionsChange}
                defaultSystemPrompt={defaultSystemPrompt}
                onDefaultSystemPromptChange={onDefaultSystemPromptChange}
                onDone={() => modelSettings.close({ restoreFocus: true })}
              />
            ) : null}
          </div>
        </div>
        <Button
          variant={isThinking ? "secondary" : "outline"}
          size="sm"
          className="h-9"
          aria-pressed={isThinking}
          aria-label="Think before answering"
          aria-describedby="chat-think-hint"
          disabled={!think.canThink}
          title={think.hint}
          onClick={() => onOptionsChange({ ...options, reasoning: !options.reasoning })}
        >
          <Brain className={isThinking ? "size-4 text-brand" : "size-4"} aria-hidden="true" />
          <span className="hidden sm:inline">Think</span>
        </Button>
        <span id="chat-think-hint" className="sr-only">
          {think.hint}
        </span>
        <div className="ml-auto flex items-center gap-0.5">
          {isSaved ? (
            <>
              <Button
                variant="ghost"
                size="icon"
                aria-label="Rename conversation"
                title="Rename"
                onClick={() => setDialog("rename")}
              >
                <Pencil className="size-4" aria-hidden="true" />
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label="Export conversation"
                title="Export as JSON"
                onClick={() => downloadExport([conversation])}
              >
                <Download className="size-4" aria-hidden="true" />
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label="Delete conversation"
                title="Delete"
                disabled={isStreaming}
                onClick={() => setDialog("delete")}
              >
                <Trash2 className="size-4" aria-hidden="true" />
              </Button>
            </>
          ) : null}
        </div>
      </div>

      <RenameConversationDialog
        title={conversation.title}
        open={dialog === "rename"}
        onOpenChange={(open) => setDialog(open ? "rename" : null)}
        onRename={onRename}
      />
      <DeleteConversationDialog
        title={conversation.title}
        open={dialog === "delete"}
        onOpenChange={(open) => setDialog(open ? "delete" : null)}
        onDelete={onDelete}
      />
    </>
  );
}
