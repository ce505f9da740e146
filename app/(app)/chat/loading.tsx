import { ChatSkeleton } from "@/components/chat/chat-skeleton";

export default function ChatLoading() {
  return <ChatSkeleton />;
}
