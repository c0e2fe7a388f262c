/**
 * `npm run deploy` options, parsed with zod. The target environment comes from `--environment`, else
 * from the project id's suffix (`-staging`/`-stg`, `-production`/`-prod`); a flag that contradicts
 * the project's name is refused, since deploying production settings into staging (or back) is the
 * mistake this guards against.
 * @module
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const DEPLOY_ENVIRONMENTS = ['staging', 'production'] as const;
export type DeployEnvironment = (typeof DEPLOY_ENVIRONMENTS)[number];

export const USAGE = `Usage: npm run deploy -- --project P [options]

  --project P            Google Cloud project to deploy into (required)
  --environment E        staging or production (default: from the project id's suffix)
  --build-local          build images with the local docker and push them (default: Cloud Build)
  --run-checks           also connect to the databases, reach the dependencies and run compliance
  --dry-run              print everything that would be applied; call nothing
  --tag T                image tag (default: the git commit)
  --config FILE          deployment settings (default: packages/deploy/environments/<environment>.json)
  --secrets-dir DIR      read secrets from files in DIR instead of Secret Manager
`;

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

const rawSchema = z.object({
  project: z
    .string({ error: '--project is required' })
    .regex(
      PROJECT_ID,
      '--project must be a Google Cloud project id (6–30 lowercase letters, digits, hyphens)',
    ),
  environment: z
    .enum(DEPLOY_ENVIRONMENTS, { error: '--environment must be staging or production' })
    .optional(),
  'build-local': z.boolean().default(false),
  'run-checks': z.boolean().default(false),
  'dry-run': z.boolean().default(false),
  tag: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, '--tag must be a valid image tag')
    .optional(),
  config: z.string().min(1).optional(),
  'secrets-dir': z.string().min(1).optional(),
});

export interface DeployOptions {
  project: string;
  environment: DeployEnvironment;
  /** How the environment was chosen, for the report. */
  environmentFrom: 'flag' | 'project';
  buildLocal: boolean;
  runChecks: boolean;
  dryRun: boolean;
  tag: string | undefined;
  config: string | undefined;
  secretsDir: string | undefined;
}

const SUFFIXES: readonly [RegExp, DeployEnvironment][] = [
  [/-(staging|stage|stg)$/, 'staging'],
  [/-(production|prod|prd)$/, 'production'],
];

/** The environment a project id's suffix names, if any. */
export function environmentOfProject(project: string): DeployEnvironment | undefined {
  return SUFFIXES.find(([suffix]) => suffix.test(project))?.[1];
}

function chooseEnvironment(project: string, flag: DeployEnvironment | undefined): DeployEnvironment {
  const named = environmentOfProject(project);
  if (flag !== undefined && named !== undefined && flag !== named) {
    throw new OptionsError(`--environment ${flag} contradicts project ${project}, whose name says ${named}`);
  }
  const environment = flag ?? named;
  if (environment === undefined) {
    throw new OptionsError(
      `cannot tell the environment from project ${project}: pass --environment staging|production`,
    );
  }
  return environment;
}

export class OptionsError extends Error {
  override name = 'OptionsError';
}

function readArgs(argv: readonly string[]): Record<string, unknown> {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      options: {
        project: { type: 'string' },
        environment: { type: 'string' },
        'build-local': { type: 'boolean' },
        'run-checks': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        tag: { type: 'string' },
        config: { type: 'string' },
        'secrets-dir': { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
}

/** Parses the command line; throws an OptionsError naming every mistake. */
export function parseDeployOptions(argv: readonly string[]): DeployOptions {
  const parsed = rawSchema.safeParse(readArgs(argv));
  if (!parsed.success) {
    throw new OptionsError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const raw = parsed.data;
  return {
    project: raw.project,
    environment: chooseEnvironment(raw.project, raw.environment),
    environmentFrom: raw.environment === undefined ? 'project' : 'flag',
    buildLocal: raw['build-local'],
    runChecks: raw['run-checks'],
    dryRun: raw['dry-run'],
    tag: raw.tag,
    config: raw.config,
    secretsDir: raw['secrets-dir'],
  };
}
