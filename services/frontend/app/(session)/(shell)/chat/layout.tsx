import type { ReactNode } from 'react';
import { ChatLayout } from '@/features/chat';

export default function ChatRouteLayout({ children }: { children: ReactNode }) {
  return <ChatLayout>{children}</ChatLayout>;
}
