import { z } from 'zod';
import type { ProviderProfile } from './provider.js';

/** The fields of GitHub's `GET /user` we read. */
export const githubUserSchema = z.object({
  id: z.number().int().positive(),
  login: z.string().min(1).max(100),
  name: z.string().max(200).nullish(),
  email: z.string().max(254).nullish(),
  avatar_url: z.string().max(2000).nullish(),
});

/** GitHub's `GET /user/emails`: every address on the account with its verification state. */
export const githubEmailsSchema = z.array(
  z.object({ email: z.string().max(254), primary: z.boolean(), verified: z.boolean() }),
);

/** Parsed GitHub API documents. */
export type GithubUser = z.infer<typeof githubUserSchema>;
export type GithubEmails = z.infer<typeof githubEmailsSchema>;

function chooseEmail(user: GithubUser, emails: GithubEmails): { email?: string; verified: boolean } {
  const primary = emails.find((entry) => entry.primary && entry.verified);
  if (primary !== undefined) {
    return { email: primary.email, verified: true };
  }
  // The public profile email is only trusted when the emails list confirms GitHub verified it.
  const publicEmail = user.email ?? undefined;
  if (publicEmail === undefined || publicEmail === '') {
    return { verified: false };
  }
  const listed = emails.find((entry) => entry.email.toLowerCase() === publicEmail.toLowerCase());
  return { email: publicEmail, verified: listed?.verified === true };
}

/**
 * Maps GitHub's user and emails to a profile: the subject is the numeric id (logins can be
 * renamed), the email is the primary verified one when there is one.
 */
export function profileFromGithub(user: GithubUser, emails: GithubEmails): ProviderProfile {
  const { email, verified } = chooseEmail(user, emails);
  const extra: Record<string, string> = { username: user.login };
  if (typeof user.avatar_url === 'string' && user.avatar_url !== '') {
    extra.picture = user.avatar_url;
  }
  const name = user.name?.trim();
  return {
    subject: String(user.id),
    email,
    emailVerified: verified,
    name: name === undefined || name === '' ? user.login : name,
    extra,
  };
}
