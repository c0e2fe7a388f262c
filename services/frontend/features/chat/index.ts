/** The chat screen (`/chat`, `/chat/[threadId]`): threads, the conversation and live agent runs. */
export { ChatLayout } from './components/chat-layout';
export { ChatThread } from './components/chat-thread';
