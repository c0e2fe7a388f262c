import { ChatThread } from '@/features/chat';

/** `/chat/[threadId]`: one conversation, its past runs and the live one. */
export default async function ChatThreadPage({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await params;
  return <ChatThread key={threadId} threadId={threadId} />;
}
