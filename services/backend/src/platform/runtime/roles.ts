import { parseArgs } from 'node:util';
import { vars } from '@netra/shared/server';
import { z } from 'zod';

/** `api` serves HTTP; `worker` runs the job processors. A process runs one or both. */
export const BACKEND_ROLES = ['api', 'worker'] as const;
export type BackendRole = (typeof BACKEND_ROLES)[number];

/** `BACKEND_ROLES` (and `--roles`): a comma-separated, non-empty list of roles. */
export function rolesSchema() {
  return vars
    .list()
    .pipe(z.array(z.enum(BACKEND_ROLES)).min(1, `name at least one of ${BACKEND_ROLES.join(', ')}`))
    .transform((roles) => [...new Set(roles)]);
}

/**
 * The configuration overrides the command line asks for: `--roles api,worker` sets BACKEND_ROLES,
 * so the flag is validated with the rest of the configuration and wins over the environment.
 */
export function commandLineOverrides(args: readonly string[]): Record<string, string> {
  const { values } = parseArgs({ args: [...args], options: { roles: { type: 'string' } }, strict: true });
  return values.roles === undefined ? {} : { BACKEND_ROLES: values.roles };
}

export function hasRole(roles: readonly BackendRole[], role: BackendRole): boolean {
  return roles.includes(role);
}
