import type { Metadata } from "next";
import { requireAccount } from "@/lib/auth/session";
import { getChatPageData } from "@/lib/chat/models";
import { ChatApp } from "@/components/chat/chat-app";
import { sendChatMessageAction, stopChatAction } from "./actions";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage() {
  const account = await requireAccount("/chat");
  const data = await getChatPageData(account.id);
  return <ChatApp accountId={account.id} data={data} sendAction={sendChatMessageAction} stopAction={stopChatAction} />;
}
