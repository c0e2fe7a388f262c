/**
 * What is deployed, in dependency order: each Cloud Run service, the image it runs, the configuration
 * spec its container validates at start, and the other services it calls.
 * @module
 */
import type { ConfigSpec, VariableShape } from '@netra/shared/server';

export const SPEC_NAMES = ['auth', 'backend', 'frontend'] as const;
export type SpecName = (typeof SPEC_NAMES)[number];

/** The services' configuration specs; the `deploy` script passes the real ones (packages never import services). */
export type ServiceSpecs = Record<SpecName, ConfigSpec<VariableShape>>;

export const SERVICE_IDS = ['auth', 'backend', 'backend-worker', 'frontend'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export interface DeployedService {
  id: ServiceId;
  spec: SpecName;
  /** Image name in the registry; the worker runs the backend's image. */
  image: SpecName;
  dockerfile: string;
  /** Container port Cloud Run sends requests to (and sets PORT to). */
  port: number;
  /** Reachable from the internet without IAM (browsers and SDKs call it). */
  public: boolean;
  /** Variables the deploy always sets for this service. */
  fixedEnv: Readonly<Record<string, string>>;
  /** Settings taken from another service's block before its own (the worker shares the backend's). */
  inherits?: ServiceId;
  /** Variables naming the base URLs of the services it calls. */
  upstreamUrls: readonly string[];
}

const dockerfile = (name: SpecName) => `services/${name}/Dockerfile`;

/** auth → backend → backend worker → frontend: each one's upstreams are deployed before it. */
export const DEPLOYED_SERVICES: readonly DeployedService[] = [
  {
    id: 'auth',
    spec: 'auth',
    image: 'auth',
    dockerfile: dockerfile('auth'),
    port: 8081,
    public: true,
    fixedEnv: {},
    upstreamUrls: [],
  },
  {
    id: 'backend',
    spec: 'backend',
    image: 'backend',
    dockerfile: dockerfile('backend'),
    port: 8000,
    public: true,
    fixedEnv: { BACKEND_ROLES: 'api' },
    upstreamUrls: ['AUTH_SERVICE_URL'],
  },
  {
    id: 'backend-worker',
    spec: 'backend',
    image: 'backend',
    dockerfile: dockerfile('backend'),
    port: 8000,
    public: false,
    fixedEnv: { BACKEND_ROLES: 'worker' },
    inherits: 'backend',
    upstreamUrls: ['AUTH_SERVICE_URL'],
  },
  {
    id: 'frontend',
    spec: 'frontend',
    image: 'frontend',
    dockerfile: dockerfile('frontend'),
    port: 3000,
    public: true,
    fixedEnv: {},
    upstreamUrls: ['BACKEND_URL', 'AUTH_SERVICE_URL'],
  },
];
