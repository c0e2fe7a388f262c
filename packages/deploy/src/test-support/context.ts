/**
 * Builds a validation context from settings and secret values, for the rule tests.
 * @module
 */
import { buildPlan } from '#plan.js';
import { realProbes } from '#probes.js';
import { unreadSecrets } from '#secret-values.js';
import { parseSettings } from '#settings.js';
import type { ValidationContext } from '#validate/index.js';
import { goodSecrets, goodSettings, serviceSpecs } from './service-specs.js';

export interface ContextInput {
  settings?: Record<string, unknown>;
  /** Secret id → value; undefined: a dry run that reads no secret. */
  secrets?: Readonly<Record<string, string>> | undefined;
  runChecks?: boolean;
  root?: string;
}

export function validationContext(input: ContextInput = {}): ValidationContext {
  const settings = parseSettings(input.settings ?? goodSettings(), 'acme-staging', 'staging');
  const plan = buildPlan(
    settings,
    { project: 'acme-staging', environment: 'staging', buildLocal: false },
    'abc123',
  );
  const secrets =
    'secrets' in input && input.secrets === undefined
      ? unreadSecrets('Secret Manager (project acme-staging)')
      : {
          source: 'test secrets',
          readable: true,
          values: new Map(Object.entries(input.secrets ?? goodSecrets)),
        };
  return {
    plan,
    specs: serviceSpecs,
    secrets,
    runChecks: input.runChecks ?? false,
    root: input.root ?? '/nonexistent',
    probes: realProbes,
  };
}

/** Settings with one service's block changed. */
export function withService(service: string, block: Record<string, unknown>): Record<string, unknown> {
  const settings = goodSettings();
  const services = settings.services as Record<string, Record<string, unknown>>;
  services[service] = { ...services[service], ...block };
  return settings;
}
