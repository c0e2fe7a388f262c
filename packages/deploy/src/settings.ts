/**
 * The deployment settings of one environment (`packages/deploy/environments/<environment>.json`):
 * region, registry, and per service its plain variables, its Secret Manager references and its
 * Cloud Run resources. `{project}`, `{region}` and `{domain}` in any string are replaced.
 * @module
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEPLOY_ENVIRONMENTS, type DeployEnvironment } from './options.js';
import { SERVICE_IDS } from './services.js';

const VARIABLE = /^[A-Z][A-Z0-9_]*$/;
/** Cloud Run sets these itself and refuses them in --set-env-vars. */
const RESERVED = new Set(['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION']);

const variableName = z
  .string()
  .regex(VARIABLE, 'variable names are UPPER_SNAKE_CASE')
  .refine((name) => !RESERVED.has(name), { message: 'is set by Cloud Run itself (reserved)' });

const resourcesSchema = z.object({
  cpu: z.string().default('1'),
  memory: z.string().default('512Mi'),
  minInstances: z.number().int().min(0).default(0),
  maxInstances: z.number().int().min(1).default(10),
  concurrency: z.number().int().min(1).default(80),
});

const serviceSchema = z.object({
  env: z.record(variableName, z.string()).default({}),
  /** Variable → Secret Manager secret id (its latest version is mounted). */
  secrets: z.record(variableName, z.string().regex(/^[A-Za-z0-9_-]{1,255}$/)).default({}),
  resources: resourcesSchema.prefault({}),
});

export const settingsSchema = z.object({
  environment: z.enum(DEPLOY_ENVIRONMENTS),
  region: z.string().regex(/^[a-z]+-[a-z]+\d+$/, 'must be a Cloud Run region such as europe-west1'),
  /** Artifact Registry repository (Docker format) in the region. */
  repository: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** Prefix of the Cloud Run service names: `<prefix>-auth`, … */
  servicePrefix: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .default('netra'),
  domain: z.string().min(1),
  services: z.object(Object.fromEntries(SERVICE_IDS.map((id) => [id, serviceSchema.prefault({})]))),
});

export type ServiceSettings = z.output<typeof serviceSchema>;
export type DeploySettings = Omit<z.output<typeof settingsSchema>, 'services'> & {
  services: Record<(typeof SERVICE_IDS)[number], ServiceSettings>;
};

function expand(value: string, names: Record<string, string>): string {
  return value.replace(/\{(project|region|domain)\}/g, (_, key: string) => names[key] ?? '');
}

/** Replaces `{project}`, `{region}` and `{domain}` in every string of the settings. */
function expandAll(node: unknown, names: Record<string, string>): unknown {
  if (typeof node === 'string') {
    return expand(node, names);
  }
  if (Array.isArray(node)) {
    return node.map((item) => expandAll(item, names));
  }
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, expandAll(value, names)]));
  }
  return node;
}

/** Validates settings for a project and environment; throws one error listing every problem. */
export function parseSettings(raw: unknown, project: string, environment: DeployEnvironment): DeploySettings {
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid deployment settings\n${lines.join('\n')}`);
  }
  if (parsed.data.environment !== environment) {
    throw new Error(`the settings are for ${parsed.data.environment}, not ${environment}`);
  }
  const names = { project, region: parsed.data.region, domain: parsed.data.domain };
  return expandAll(parsed.data, names) as DeploySettings;
}

/** The settings file of an environment, or the one `--config` names. */
export function loadSettings(
  file: URL | string,
  project: string,
  environment: DeployEnvironment,
): DeploySettings {
  const text = readFileSync(file, 'utf8');
  try {
    return parseSettings(JSON.parse(text) as unknown, project, environment);
  } catch (error) {
    throw new Error(`${String(file)}: ${(error as Error).message}`, { cause: error });
  }
}

/** Where an environment's settings live by default. */
export function defaultSettingsFile(environment: DeployEnvironment): URL {
  return new URL(`../environments/${environment}.json`, import.meta.url);
}
