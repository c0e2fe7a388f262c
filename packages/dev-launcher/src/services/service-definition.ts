/** Store URL variables the launcher knows; each service receives only the ones its definition names. */
export const STORE_VARIABLES = ['DATABASE_URL', 'AUTH_DATABASE_URL', 'REDIS_URL', 'CLICKHOUSE_URL'] as const;

/** One of the store URL variables. */
export type StoreVariable = (typeof STORE_VARIABLES)[number];

/** How to run a process: executable, arguments and working directory. */
export interface ProcessCommand {
  command: string;
  args: readonly string[];
  cwd: string;
  /** Variables this command always gets, over the launcher's environment. */
  env?: Readonly<Record<string, string>>;
}

/** What a service's command may depend on: where the repository is and where to listen. */
export interface CommandContext {
  rootDir: string;
  host: string;
  port: number;
}

/** Everything the launcher needs to know to build, start, find and probe one service. */
export interface ServiceDefinition {
  readonly name: string;
  /** Services that must be ready before this one starts (when they are selected too). */
  readonly dependsOn: readonly string[];
  /** The port asked for first; 0 means "any free port". */
  readonly preferredPort: number;
  /** The variable that tells every service where this one is, e.g. `BACKEND_URL`. */
  readonly urlVariable: string;
  /** Store URLs this service receives: target variable → source variables, the first one set wins. */
  readonly stores: Readonly<Partial<Record<StoreVariable, readonly StoreVariable[]>>>;
  /** Path answering 200 once the service is ready. */
  readonly readinessPath: string;
  /** Names of the build steps that must succeed before the service starts. */
  readonly builds: readonly string[];
  command(context: CommandContext): ProcessCommand;
}
