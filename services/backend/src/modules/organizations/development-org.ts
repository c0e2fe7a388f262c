/** The organization local development, the command line and the development user work in. */
export const DEVELOPMENT_ORG = { slug: 'local-dev', name: 'Local development' } as const;
