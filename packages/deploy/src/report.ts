/**
 * The deploy report: the target, each validation rule's outcome, and everything that would be applied —
 * images, services with their variables and secret names (never secret values), and the commands.
 * @module
 */
import type { Command } from './commands.js';
import type { DeployOptions } from './options.js';
import type { DeployPlan, ServiceDeployment } from './plan.js';
import type { ValidationResult } from '#validate/index.js';

const MARK: Record<ValidationResult['status'], string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

export function headerLines(options: DeployOptions, plan: DeployPlan, secretSource: string): string[] {
  const from = options.environmentFrom === 'flag' ? '--environment' : 'the project id';
  return [
    `Netra deploy${options.dryRun ? ' (dry run: nothing is called)' : ''}`,
    `  project      ${plan.project}`,
    `  environment  ${plan.environment} (from ${from})`,
    `  region       ${plan.region}`,
    `  images       ${plan.buildLocal ? 'built by the local docker, pushed' : 'built by Cloud Build'}, tag ${plan.tag}`,
    `  secrets      ${secretSource}`,
  ];
}

export function validationLines(results: readonly ValidationResult[]): string[] {
  return [
    'Validation',
    ...results.flatMap((rule) => [
      `  ${MARK[rule.status]} ${rule.rule}`,
      ...rule.problems.map((problem) => `       ✗ ${problem}`),
      ...rule.notes.map((note) => `       · ${note}`),
    ]),
  ];
}

function serviceLines(service: ServiceDeployment, index: number): string[] {
  const { resources } = service;
  const access = service.service.public ? 'public' : 'internal';
  return [
    `  ${index + 1}. ${service.name} (${service.service.id})`,
    `     image      ${service.image}`,
    `     port ${service.service.port}, ${access}, cpu ${resources.cpu}, memory ${resources.memory}, instances ${resources.minInstances}–${resources.maxInstances}`,
    ...Object.entries(service.env).map(([name, value]) => `     env        ${name}=${value}`),
    ...Object.entries(service.secrets).map(([name, secret]) => `     secret     ${name} ← ${secret}:latest`),
  ];
}

export function planLines(plan: DeployPlan, commands: readonly Command[]): string[] {
  return [
    'Images',
    ...plan.images.map((image) => `  ${image.image}  (${image.dockerfile})`),
    'Services, in order',
    ...plan.services.flatMap(serviceLines),
    'Commands',
    ...commands.flatMap((command) => [
      `  # ${command.purpose}`,
      ...(command.needs ?? []).map((url) => `    (with --run-checks, first waits for ${url})`),
      `  $ ${command.argv.join(' ')}`,
      ...(command.file === undefined
        ? []
        : [
            `    {file} = ${command.file.name}:`,
            ...command.file.content
              .trimEnd()
              .split('\n')
              .map((line) => `      ${line}`),
          ]),
    ]),
  ];
}
