import { choosePorts } from '#ports/port-plan.js';
import { serviceUrl } from '#ports/port-probe.js';
import {
  STORE_VARIABLES,
  type ProcessCommand,
  type ServiceDefinition,
  type StoreVariable,
} from './service-definition.js';

/** Store URLs as configured; unset ones are undefined (the service then runs that store embedded). */
export type StoreUrls = Readonly<Partial<Record<StoreVariable, string | undefined>>>;

/** What the launcher needs to plan a start. */
export interface PlanInput {
  /** Every known service, so unselected ones still get a URL (their preferred port). */
  definitions: readonly ServiceDefinition[];
  /** The services to start, in start order. */
  selected: readonly ServiceDefinition[];
  host: string;
  rootDir: string;
  /** Absolute directory for embedded stores and discovery, passed as NETRA_DATA_DIR. */
  dataDir: string;
  stores: StoreUrls;
}

/** One service ready to spawn: where it listens, what it is told, how it is run. */
export interface ServicePlan {
  definition: ServiceDefinition;
  port: number;
  /** True when the preferred port was taken (or 0) and another was chosen. */
  moved: boolean;
  url: string;
  /** Overrides on top of the launcher's environment; undefined removes a variable. */
  env: Record<string, string | undefined>;
  command: ProcessCommand;
}

/** Chooses ports for the selected services and works out each one's environment and command. */
export async function planServices(input: PlanInput): Promise<ServicePlan[]> {
  const requests = input.selected.map((definition) => ({
    name: definition.name,
    preferredPort: definition.preferredPort,
  }));
  const choices = new Map((await choosePorts(requests, input.host)).map((choice) => [choice.name, choice]));
  const urls = serviceUrls(input.definitions, input.host, (name) => choices.get(name)?.port);
  return input.selected.map((definition) => {
    const choice = choices.get(definition.name);
    return planOne(definition, choice?.port ?? definition.preferredPort, choice?.moved ?? false, urls, input);
  });
}

function planOne(
  definition: ServiceDefinition,
  port: number,
  moved: boolean,
  urls: Record<string, string | undefined>,
  input: PlanInput,
): ServicePlan {
  const env = {
    ...urls,
    PORT: String(port),
    HOST: input.host,
    NETRA_DATA_DIR: input.dataDir,
    ...storeEnvironment(definition, input.stores),
  };
  const command = definition.command({ rootDir: input.rootDir, host: input.host, port });
  return { definition, port, moved, url: serviceUrl(input.host, port), env, command };
}

/**
 * `<urlVariable>` → URL for every known service: the chosen port for started ones, the preferred
 * port for the rest (they may be running on their own). Unset when neither is known.
 */
export function serviceUrls(
  definitions: readonly ServiceDefinition[],
  host: string,
  chosenPort: (name: string) => number | undefined,
): Record<string, string | undefined> {
  const urls: Record<string, string | undefined> = {};
  for (const definition of definitions) {
    const port = chosenPort(definition.name) ?? definition.preferredPort;
    urls[definition.urlVariable] = port === 0 ? undefined : serviceUrl(host, port);
  }
  return urls;
}

/**
 * The store variables a service receives, resolved from its sources; every other store variable
 * is removed so a service never sees another's database.
 */
export function storeEnvironment(
  definition: ServiceDefinition,
  stores: StoreUrls,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const name of STORE_VARIABLES) {
    const sources = definition.stores[name] ?? [];
    env[name] = sources.map((source) => stores[source]).find((value) => value !== undefined && value !== '');
  }
  return env;
}
