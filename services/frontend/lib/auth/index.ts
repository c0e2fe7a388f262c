/** The session of the web app: provider and hooks, the guard, the organization, auth errors. */
export { AuthProvider, useAuth, useSession, type AuthActions } from './auth-provider';
export { RequireSession } from './require-session';
export {
  OrganizationProvider,
  useCurrentOrganization,
  type CurrentOrganization,
} from './organization-provider';
export { useMe, ME_QUERY_KEY } from './use-me';
export { authErrorMessage, authErrorMessageOf, AUTH_ERROR_MESSAGES } from './auth-errors';
export { loginHref, safeNextPath, LOGIN_PATH } from './login-redirect';
export { providerLoginUrl, type LoginOptions, type AuthProviderOption } from './auth-api';
export type { SessionSnapshot, SessionStatus } from './token-session';
