/**
 * The commands a plan becomes: images built by Cloud Build (or the local docker and pushed), then
 * `gcloud run deploy` per service in dependency order. Each command is declarative — the whole set
 * of variables and secrets is replaced — so running the deploy twice converges.
 * @module
 */
import type { DeployPlan, ServiceDeployment } from './plan.js';

export interface Command {
  argv: string[];
  /** A file the command reads, written to a temporary directory first (`{file}` in argv is its path). */
  file?: { name: string; content: string };
  /** Upstream readiness URLs that must answer first (with --run-checks): the services it calls. */
  needs?: string[];
  /** What the command does, for the report. */
  purpose: string;
}

/** A Cloud Build config building every image from the repository root (Dockerfiles live under services/). */
function cloudBuildConfig(plan: DeployPlan): string {
  // One step per line, so the report shows the file as readable as it is applied.
  const steps = plan.images.map((image) =>
    JSON.stringify({
      name: 'gcr.io/cloud-builders/docker',
      args: ['build', '-f', image.dockerfile, '-t', image.image, '.'],
    }),
  );
  const images = plan.images.map((image) => JSON.stringify(image.image));
  return `{\n  "steps": [\n    ${steps.join(',\n    ')}\n  ],\n  "images": [${images.join(', ')}]\n}\n`;
}

function cloudBuildCommand(plan: DeployPlan): Command {
  const where = [`--project=${plan.project}`, `--region=${plan.region}`];
  return {
    argv: ['gcloud', 'builds', 'submit', '.', ...where, '--config={file}'],
    file: { name: 'cloudbuild.json', content: cloudBuildConfig(plan) },
    purpose: `build and push ${plan.images.length} images with Cloud Build`,
  };
}

function localBuildCommands(plan: DeployPlan): Command[] {
  return [
    {
      argv: ['gcloud', 'auth', 'configure-docker', `${plan.region}-docker.pkg.dev`, '--quiet'],
      purpose: 'let the local docker push to Artifact Registry',
    },
    ...plan.images.flatMap((image) => [
      {
        argv: ['docker', 'build', '-f', image.dockerfile, '-t', image.image, '.'],
        purpose: `build ${image.name}`,
      },
      { argv: ['docker', 'push', image.image], purpose: `push ${image.name}` },
    ]),
  ];
}

export function buildCommands(plan: DeployPlan): Command[] {
  return plan.buildLocal ? localBuildCommands(plan) : [cloudBuildCommand(plan)];
}

const DELIMITERS = ['@', '|', '~', '#', '^'];

/** `--set-env-vars` with a delimiter no value contains (gcloud's `^D^` syntax), so lists keep their commas. */
function envFlag(env: Record<string, string>): string {
  const pairs = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  const delimiter = DELIMITERS.find((candidate) => pairs.every((pair) => !pair.includes(candidate)));
  if (delimiter === undefined) {
    throw new Error(`no delimiter fits the variables (${DELIMITERS.join(' ')} all occur in values)`);
  }
  return `--set-env-vars=^${delimiter}^${pairs.join(delimiter)}`;
}

function secretsFlag(secrets: Record<string, string>): string {
  const pairs = Object.entries(secrets).map(([name, secret]) => `${name}=${secret}:latest`);
  return pairs.length === 0 ? '--clear-secrets' : `--set-secrets=${pairs.join(',')}`;
}

function accessFlags(service: ServiceDeployment): string[] {
  return service.service.public
    ? ['--ingress=all', '--allow-unauthenticated']
    : // A worker takes no requests; it must not scale to zero or be throttled between requests.
      ['--ingress=internal', '--no-allow-unauthenticated', '--no-cpu-throttling'];
}

function resourceFlags({ resources }: ServiceDeployment): string[] {
  return [
    `--cpu=${resources.cpu}`,
    `--memory=${resources.memory}`,
    `--min-instances=${resources.minInstances}`,
    `--max-instances=${resources.maxInstances}`,
    `--concurrency=${resources.concurrency}`,
  ];
}

export function deployCommand(plan: DeployPlan, service: ServiceDeployment): Command {
  const target = [service.name, `--project=${plan.project}`, `--region=${plan.region}`];
  const container = [`--image=${service.image}`, `--port=${service.service.port}`];
  const variables = [envFlag(service.env), secretsFlag(service.secrets)];
  return {
    argv: ['gcloud', 'run', 'deploy', ...target, ...container, ...variables, ...resourceFlags(service)]
      .concat(accessFlags(service))
      .concat('--quiet'),
    purpose: `deploy ${service.service.id}`,
    needs: readinessUrls(service),
  };
}

/** `/health/ready` of each upstream service this one calls, deployed before it in dependency order. */
function readinessUrls(service: ServiceDeployment): string[] {
  return service.service.upstreamUrls.flatMap((name) => {
    const base = service.env[name];
    return base === undefined ? [] : [new URL('/health/ready', base).toString()];
  });
}

/** Every command of the deploy, in order. */
export function deployCommands(plan: DeployPlan): Command[] {
  return [...buildCommands(plan), ...plan.services.map((service) => deployCommand(plan, service))];
}
