/** Invitation links (`/invitations/<token>`): what one offers, and accepting it. */
export { AcceptInvitationScreen } from './components/accept-invitation-screen';
export { invitationLink } from './lib/invitation-link';
