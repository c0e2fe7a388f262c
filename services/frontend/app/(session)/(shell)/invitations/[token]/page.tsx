import type { Metadata } from 'next';
import { AcceptInvitationScreen } from '@/features/invitations';

export const metadata: Metadata = { title: 'Invitation · Netra Apex' };

/** `/invitations/[token]`: the page an invitation link opens (signed in; else via /login and back). */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <AcceptInvitationScreen token={token} />;
}
