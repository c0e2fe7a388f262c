import { ChatThread } from '@/features/chat';

/** `/chat`: a new conversation; the first message creates the thread. */
export default function ChatPage() {
  return <ChatThread threadId={null} />;
}
