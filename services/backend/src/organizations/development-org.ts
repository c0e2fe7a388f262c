import { ensureOrganization, type AppDb } from '#stores/app.repository.js';
import type { OrganizationRow } from '#stores/schema.js';

/** The organization local development and the command line work in until org management exists. */
export const DEVELOPMENT_ORG = { slug: 'local-dev', name: 'Local development' } as const;

/** The local development organization, created on first use. */
export function ensureDevelopmentOrganization(db: AppDb): Promise<OrganizationRow> {
  return ensureOrganization(db, DEVELOPMENT_ORG.slug, DEVELOPMENT_ORG.name);
}
