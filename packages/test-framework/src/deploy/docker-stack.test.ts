/**
 * The container images and the local compose stack (ARCHITECTURE §8), checked without a container
 * engine, as the machines that run these tests have none: `docker-compose config` (Debian's
 * `docker-compose` package) resolves and validates docker-compose.dev.yml, dockerfilelint (npm) lints
 * each service's Dockerfile, and the Grafana dashboard may only query metrics the code defines.
 * A missing tool fails the test with the command that installs it; nothing is skipped.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readmeConfigSection } from '@netra/shared/server';
import { listSourceFiles } from '#compliance/files.js';
import { findRepoRoot } from '#runner/root.js';

const root = findRepoRoot(import.meta.dirname);
const COMPOSE_FILE = 'docker-compose.dev.yml';

/** Each service image and the port it listens on (ARCHITECTURE §1). */
const IMAGES = [
  { service: 'backend', port: 8000 },
  { service: 'auth', port: 8081 },
  { service: 'frontend', port: 3000 },
] as const;

/** The stack the compose file must hold: stores, the three services, a worker, monitoring. */
const STACK = [
  'postgres',
  'redis',
  'clickhouse',
  'auth',
  'backend',
  'worker',
  'frontend',
  'prometheus',
  'grafana',
];

/** Metrics no Netra code defines: Prometheus's own per-target series. */
const PROMETHEUS_SERIES: ReadonlySet<string> = new Set(['up']);

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  volumes?: (string | { type?: string; source?: string })[];
}

interface ComposeConfig {
  services: Record<string, ComposeService>;
}

/** Runs a command-line tool from the repository root; a missing tool is an error naming its install. */
function runTool(command: string, args: readonly string[], install: string) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.error !== undefined) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? `${command} is not installed: ${install}` : result.error.message);
  }
  return result;
}

let resolvedCompose: ComposeConfig | undefined;

/** The compose file as `docker-compose config` resolves it (anchors merged, paths absolute). */
function composeConfig(): ComposeConfig {
  if (resolvedCompose === undefined) {
    const result = runTool(
      'docker-compose',
      ['-f', COMPOSE_FILE, 'config'],
      "apt-get install -y docker-compose (Debian's package validates compose files without a container engine)",
    );
    if (result.status !== 0) {
      throw new Error(`docker-compose -f ${COMPOSE_FILE} config failed:\n${result.stderr}`);
    }
    resolvedCompose = parseYaml(result.stdout) as ComposeConfig;
  }
  return resolvedCompose;
}

function dependencies(service: ComposeService): [string, string | undefined][] {
  const dependsOn = service.depends_on ?? {};
  return Array.isArray(dependsOn)
    ? dependsOn.map((name) => [name, undefined])
    : Object.entries(dependsOn).map(([name, options]) => [name, options.condition]);
}

/** Host paths of the service's bind mounts (`docker-compose config` makes them absolute). */
function bindMountSources(service: ComposeService): string[] {
  return (service.volumes ?? []).flatMap((volume) => {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    return source !== undefined && isAbsolute(source) ? [source] : [];
  });
}

function readRepoFile(path: string): string {
  return readFileSync(join(root, path), 'utf8');
}

/** Variables a README configuration table lists (the tables are checked against the config schemas). */
function documentedVariables(section: string): Set<string> {
  const table = readmeConfigSection(readRepoFile('README.md'), section) ?? '';
  return new Set([...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1] ?? ''));
}

/** Dockerfile instructions with their arguments, continuation lines joined, comments dropped. */
function instructions(dockerfile: string): { keyword: string; args: string }[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** `ENV A=1 B=2` instructions of a stage, as one record. */
function environmentOf(stage: readonly { keyword: string; args: string }[]): Record<string, string> {
  const pairs = stage
    .filter((instruction) => instruction.keyword === 'ENV')
    .flatMap((instruction) => instruction.args.split(/\s+/))
    .map((pair) => pair.split('=') as [string, string]);
  return Object.fromEntries(pairs);
}

/** The instructions of the last stage: what the image that runs is made of. */
function finalStage(dockerfile: string): { keyword: string; args: string }[] {
  const all = instructions(dockerfile);
  const lastFrom = all.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  return all.slice(lastFrom);
}

interface Manifest {
  name: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
}

/** Workspace directories by package name, from the root manifest's workspace list. */
function workspaceDirs(): Map<string, string> {
  const rootManifest = JSON.parse(readRepoFile('package.json')) as Manifest;
  const dirs = (rootManifest.workspaces ?? []).filter((dir) => existsSync(join(root, dir, 'package.json')));
  return new Map(
    dirs.map((dir) => [(JSON.parse(readRepoFile(`${dir}/package.json`)) as Manifest).name, dir]),
  );
}

/** The workspace packages a service runs on: its production @netra/* dependencies, transitively. */
function runtimeWorkspaces(serviceDir: string): string[] {
  const dirs = workspaceDirs();
  const found = new Set<string>();
  const visit = (dir: string) => {
    const manifest = JSON.parse(readRepoFile(`${dir}/package.json`)) as Manifest;
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const dependency = dirs.get(name);
      if (dependency !== undefined && !found.has(dependency)) {
        found.add(dependency);
        visit(dependency);
      }
    }
  };
  visit(serviceDir);
  return [...found].sort();
}

interface LintReport {
  files: { file: string; issues_count: number; issues: { line: number; title: string }[] }[];
}

function lintDockerfile(path: string): LintReport['files'][number] {
  const require = createRequire(import.meta.url);
  let bin: string;
  try {
    bin = join(require.resolve('dockerfilelint/package.json'), '..', 'bin', 'dockerfilelint');
  } catch {
    throw new Error('dockerfilelint is not installed: npm ci (it is a devDependency of the repository root)');
  }
  // Exit status is the number of issues; the JSON report says which.
  const result = runTool(process.execPath, [bin, '--output', 'json', path], 'npm ci');
  const report = JSON.parse(result.stdout) as LintReport;
  const [file] = report.files;
  if (file === undefined) {
    throw new Error(`dockerfilelint reported nothing for ${path}: ${result.stderr}`);
  }
  return file;
}

const PROMQL_WORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression selects. Label matchers, grouping lists, ranges and strings
 * are removed first; what remains are functions (followed by a parenthesis), keywords, numbers and
 * metric names.
 */
function metricsInPromQl(expression: string): string[] {
  const bare = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = [...bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*(?!\s*\()/g)]
    .filter((match) => !/[\w:]/.test(bare[match.index + match[0].length] ?? ''))
    .map((match) => match[0])
    .filter((name) => !PROMQL_WORDS.has(name.toLowerCase()));
  return [...new Set(names)];
}

/** Every quoted metric-looking name in the services' and packages' non-test sources. */
function definedMetricNames(): Set<string> {
  const dirs = ['services', 'packages'].flatMap((top) =>
    readdirSync(join(root, top)).map((name) => join(root, top, name, 'src')),
  );
  const files = dirs.filter((dir) => existsSync(dir)).flatMap((dir) => listSourceFiles(dir));
  const names = new Set<string>();
  for (const file of files.filter((path) => !/\.test\.tsx?$/.test(path))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/['"]([a-z_][a-z0-9_]*_[a-z0-9_]+)['"]/g)) {
      names.add(match[1] ?? '');
    }
  }
  return names;
}

/** Names of prom-client's default process and Node.js metrics (the backend collects them). */
function defaultMetricNames(): Set<string> {
  const backendRequire = createRequire(join(root, 'services', 'backend', 'package.json'));
  const metricsDir = join(backendRequire.resolve('prom-client/package.json'), '..', 'lib', 'metrics');
  const names = new Set<string>();
  for (const file of readdirSync(metricsDir).filter((name) => name.endsWith('.js'))) {
    for (const match of readFileSync(join(metricsDir, file), 'utf8').matchAll(/'([a-z][a-z0-9_]*)'/g)) {
      names.add(match[1] ?? '');
    }
  }
  return names;
}

/** A histogram's series carry suffixes the code never spells out. */
function baseMetricName(name: string, known: ReadonlySet<string>): string {
  const base = name.replace(/_(bucket|count|sum)$/, '');
  return known.has(name) ? name : base;
}

interface DashboardPanel {
  title?: string;
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
  panels?: DashboardPanel[];
}

function dashboardPanels(): DashboardPanel[] {
  const dashboard = JSON.parse(readRepoFile('deploy/grafana/dashboards/netra.json')) as {
    title: string;
    panels: DashboardPanel[];
  };
  expect(dashboard.title).toBe('Netra');
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

describe('docker-compose.dev.yml', () => {
  it('is valid: docker-compose config resolves it', () => {
    expect(Object.keys(composeConfig().services).sort()).toEqual([...STACK].sort());
  });

  it('gives every service a healthcheck and starts each after the services it needs are healthy', () => {
    for (const [name, service] of Object.entries(composeConfig().services)) {
      expect(service.healthcheck?.test, `${name} has no healthcheck`).toBeDefined();
      expect(service.healthcheck?.disable, `${name} disables its healthcheck`).not.toBe(true);
      for (const [dependency, condition] of dependencies(service)) {
        expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
      }
    }
  });

  it('builds each service from its own Dockerfile, and runs the backend image as API and as worker', () => {
    const { services } = composeConfig();
    for (const { service } of IMAGES) {
      expect(services[service]?.build?.dockerfile).toBe(`services/${service}/Dockerfile`);
      expect(services[service]?.build?.context).toBe(root);
    }
    expect(services.worker?.image).toBe(services.backend?.image);
    expect(services.backend?.command).toEqual(['--roles', 'api']);
    expect(services.worker?.command).toEqual(['--roles', 'worker']);
  });

  it('sets only variables the services read (a misspelt one would be ignored silently)', () => {
    const configOf = { auth: 'auth', backend: 'backend', worker: 'backend', frontend: 'frontend' };
    for (const [service, section] of Object.entries(configOf)) {
      const documented = documentedVariables(section);
      expect(documented.size, `README table config:${section}`).toBeGreaterThan(0);
      const set = Object.keys(composeConfig().services[service]?.environment ?? {});
      expect(
        set.filter((name) => !documented.has(name)),
        service,
      ).toEqual([]);
    }
  });

  it('mounts only files and directories that exist in the repository', () => {
    for (const [name, service] of Object.entries(composeConfig().services)) {
      for (const source of bindMountSources(service)) {
        expect(existsSync(source), `${name} mounts ${source}`).toBe(true);
      }
    }
  });
});

describe.each(IMAGES)('services/$service/Dockerfile', ({ service, port }) => {
  const path = `services/${service}/Dockerfile`;

  it('passes dockerfilelint', () => {
    const report = lintDockerfile(path);
    expect(report.issues.map((issue) => `line ${issue.line}: ${issue.title}`)).toEqual([]);
  });

  it('is multi-stage and its runtime stage runs as a non-root user with a readiness healthcheck', () => {
    const dockerfile = readRepoFile(path);
    expect(
      instructions(dockerfile).filter((instruction) => instruction.keyword === 'FROM').length,
    ).toBeGreaterThan(1);
    const runtime = finalStage(dockerfile);
    const users = runtime.filter((instruction) => instruction.keyword === 'USER');
    expect(users.at(-1)?.args, 'the last USER of the runtime stage').toMatch(/^(?!root$|0$)\S+$/);
    const healthcheck = runtime.find((instruction) => instruction.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toContain('/health/ready');
    expect(runtime.filter((instruction) => instruction.keyword === 'EXPOSE').map((i) => i.args)).toEqual([
      String(port),
    ]);
    // Deployed by default (a forgotten ENVIRONMENT never enables development login), listening on the service's port.
    expect(environmentOf(runtime)).toMatchObject({ PORT: String(port), ENVIRONMENT: 'production' });
  });
});

describe.each(IMAGES)('services/$service/Dockerfile and the workspace', ({ service }) => {
  it('builds with every workspace package the compiler reads', () => {
    const dockerfile = readRepoFile(`services/${service}/Dockerfile`);
    // packages/shared's own tests import the test framework, and `tsc -b` type-checks them.
    const compiled = new Set([
      ...runtimeWorkspaces(`services/${service}`),
      'packages/test-framework',
      ...runtimeWorkspaces('packages/test-framework'),
    ]);
    for (const dir of compiled) {
      expect(dockerfile, `${dir} in the build stage`).toContain(`COPY ${dir} ${dir}\n`);
    }
  });

  it('installs and ships every workspace package the service depends on', () => {
    const dockerfile = readRepoFile(`services/${service}/Dockerfile`);
    for (const dir of runtimeWorkspaces(`services/${service}`)) {
      expect(dockerfile, `${dir}'s manifest for the production install`).toContain(
        `COPY ${dir}/package.json ${dir}/`,
      );
      expect(dockerfile, `${dir}'s build output in the runtime stage`).toContain(
        `COPY --from=build /app/${dir}/dist ${dir}/dist`,
      );
    }
  });
});

describe('Prometheus and Grafana provisioning', () => {
  it('extracts metric names from PromQL, leaving functions, labels and keywords out', () => {
    const expression =
      'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{route!="x"}[$__rate_interval]))) / on (job) up';
    expect(metricsInPromQl(expression)).toEqual(['http_request_duration_seconds_bucket', 'up']);
  });

  it('scrapes only services of the compose stack', () => {
    const config = parseYaml(readRepoFile('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
    };
    const hosts = config.scrape_configs.flatMap((job) =>
      job.static_configs.flatMap((group) => group.targets.map((target) => target.split(':')[0])),
    );
    expect(hosts.filter((host) => host !== 'localhost' && !STACK.includes(host ?? ''))).toEqual([]);
    expect(hosts).toContain('backend');
  });

  it('has a Netra dashboard on the provisioned datasource that queries only metrics the code defines', () => {
    const datasource = parseYaml(readRepoFile('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string }[];
    };
    const uid = datasource.datasources[0]?.uid;
    const known = new Set([...definedMetricNames(), ...defaultMetricNames(), ...PROMETHEUS_SERIES]);
    const queried = dashboardPanels().flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ panel, target })),
    );
    expect(queried.length).toBeGreaterThan(0);
    for (const { panel, target } of queried) {
      expect(target.datasource?.uid ?? panel.datasource?.uid, panel.title).toBe(uid);
      const unknown = metricsInPromQl(target.expr ?? '')
        .map((name) => baseMetricName(name, known))
        .filter((name) => !known.has(name));
      expect(unknown, `${panel.title ?? 'panel'}: ${target.expr ?? ''}`).toEqual([]);
    }
  });
});
