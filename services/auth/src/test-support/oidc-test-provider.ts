/** The real OpenID provider the auth tests sign in with lives in the test framework, shared with the browser suite. */
export { startOidcTestProvider, type OidcTestProvider, type TestAccount } from '@netra/test-framework/oidc';
