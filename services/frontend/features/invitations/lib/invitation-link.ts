/** The page an invitation's link opens (`/invitations/<token>`), on the app's own origin. */
export function invitationLink(origin: string, token: string): string {
  return new URL(`/invitations/${encodeURIComponent(token)}`, origin).href;
}
