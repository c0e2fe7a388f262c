/**
 * The deployment plan: what each Cloud Run service gets (image, plain variables, secret references,
 * resources), computed from the settings alone so a dry run and a real run apply the same thing.
 * @module
 */
import type { DeployOptions } from './options.js';
import { DEPLOYED_SERVICES, type DeployedService, type SpecName } from './services.js';
import type { DeploySettings, ServiceSettings } from './settings.js';

export interface ServiceDeployment {
  service: DeployedService;
  /** Cloud Run service name. */
  name: string;
  image: string;
  /** Plain variables, in name order (ENVIRONMENT and the service's fixed ones included). */
  env: Record<string, string>;
  /** Variable → Secret Manager secret id. */
  secrets: Record<string, string>;
  resources: ServiceSettings['resources'];
}

export interface DeployPlan {
  project: string;
  environment: DeployOptions['environment'];
  region: string;
  tag: string;
  buildLocal: boolean;
  images: { name: SpecName; image: string; dockerfile: string }[];
  services: ServiceDeployment[];
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function imageRef(settings: DeploySettings, project: string, name: SpecName, tag: string): string {
  return `${settings.region}-docker.pkg.dev/${project}/${settings.repository}/${name}:${tag}`;
}

function servicePlan(
  service: DeployedService,
  settings: DeploySettings,
  options: Pick<DeployOptions, 'project' | 'environment'>,
  tag: string,
): ServiceDeployment {
  const own = settings.services[service.id];
  const base = service.inherits === undefined ? undefined : settings.services[service.inherits];
  // Without its own resources block, an inheriting service keeps its own defaults, not its parent's.
  return {
    service,
    name: `${settings.servicePrefix}-${service.id}`,
    image: imageRef(settings, options.project, service.image, tag),
    env: sorted({ ...base?.env, ...own.env, ...service.fixedEnv, ENVIRONMENT: options.environment }),
    secrets: sorted({ ...base?.secrets, ...own.secrets }),
    resources: own.resources,
  };
}

/** The plan for every service, in dependency order. */
export function buildPlan(
  settings: DeploySettings,
  options: Pick<DeployOptions, 'project' | 'environment' | 'buildLocal'>,
  tag: string,
): DeployPlan {
  const images = [...new Set(DEPLOYED_SERVICES.map((service) => service.image))].map((name) => ({
    name,
    image: imageRef(settings, options.project, name, tag),
    dockerfile: `services/${name}/Dockerfile`,
  }));
  return {
    project: options.project,
    environment: options.environment,
    region: settings.region,
    tag,
    buildLocal: options.buildLocal,
    images,
    services: DEPLOYED_SERVICES.map((service) => servicePlan(service, settings, options, tag)),
  };
}
