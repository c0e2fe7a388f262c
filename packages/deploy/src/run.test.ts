/**
 * `npm run deploy` end to end in-process: a dry run prints exactly what it would apply and calls
 * nothing; a real run reads each secret from Secret Manager (the official client replaced by a
 * stand-in that records its requests: a paid cloud API) and runs the commands in dependency order;
 * a failing rule refuses before anything runs.
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretManagerSource, type SecretManagerClient } from '@netra/shared/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from './commands.js';
import { runDeploy, type DeployDependencies } from './run.js';
import { withService } from '#test-support/context.js';
import { goodSecrets, goodSettings, serviceSpecs } from '#test-support/service-specs.js';

const dirs: string[] = [];

function settingsFile(settings: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'netra-deploy-'));
  dirs.push(dir);
  const file = join(dir, 'staging.json');
  writeFileSync(file, JSON.stringify(settings));
  return file;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A stand-in for the official client: answers from `secrets`, NOT_FOUND otherwise, and records each request. */
function secretManagerStandIn(secrets: Readonly<Record<string, string>>) {
  const requested: string[] = [];
  const client = {
    accessSecretVersion: ({ name }: { name: string }) => {
      requested.push(name);
      const id = /^projects\/acme-staging\/secrets\/([^/]+)\/versions\/latest$/.exec(name)?.[1] ?? '';
      const value = secrets[id];
      return value === undefined
        ? Promise.reject(Object.assign(new Error('5 NOT_FOUND'), { code: 5 }))
        : Promise.resolve([{ payload: { data: new TextEncoder().encode(value) } }]);
    },
  } as unknown as SecretManagerClient;
  return {
    requested,
    secretManager: (project: string) => Promise.resolve(new SecretManagerSource(client, project)),
  };
}

interface Run {
  code: number;
  lines: string[];
  executed: Command[];
}

async function deploy(argv: string[], extra: Partial<DeployDependencies> = {}): Promise<Run> {
  const lines: string[] = [];
  const executed: Command[] = [];
  const deps: DeployDependencies = {
    specs: serviceSpecs,
    root: '/repo',
    out: (line) => lines.push(line),
    secretManager: () => Promise.reject(new Error('Secret Manager must not be called')),
    exec: (command) => {
      executed.push(command);
      return Promise.resolve();
    },
    gitTag: () => 'abc123',
    ...extra,
  };
  return { code: await runDeploy(argv, deps), lines, executed };
}

const EXPECTED_DRY_RUN = `Netra deploy (dry run: nothing is called)
  project      acme-staging
  environment  staging (from the project id)
  region       europe-west1
  images       built by Cloud Build, tag abc123
  secrets      Secret Manager (project acme-staging)
Validation
  ok   secrets
       · existence not checked: a dry run reads nothing from Secret Manager (project acme-staging) (5 secrets: auth-db, backend-db, clickhouse, redis, signing-keys)
  ok   database
       · auth: AUTH_DATABASE_URL is in secret auth-db, not read in a dry run
       · backend: DATABASE_URL is in secret backend-db, not read in a dry run
       · backend-worker: DATABASE_URL is in secret backend-db, not read in a dry run
  ok   localhost
       · secret values not read in a dry run: only plain values and defaults checked
  skip configuration
       · needs the secrets' values, which a dry run does not read
  skip dependencies
       · only with --run-checks
  skip compliance
       · only with --run-checks
Images
  europe-west1-docker.pkg.dev/acme-staging/netra/auth:abc123  (services/auth/Dockerfile)
  europe-west1-docker.pkg.dev/acme-staging/netra/backend:abc123  (services/backend/Dockerfile)
  europe-west1-docker.pkg.dev/acme-staging/netra/frontend:abc123  (services/frontend/Dockerfile)
Services, in order
  1. netra-auth (auth)
     image      europe-west1-docker.pkg.dev/acme-staging/netra/auth:abc123
     port 8081, public, cpu 1, memory 512Mi, instances 0–10
     env        AUTH_SERVICE_URL=https://auth.staging.example.com
     env        ENVIRONMENT=staging
     env        FRONTEND_URL=https://app.staging.example.com
     secret     AUTH_DATABASE_URL ← auth-db:latest
     secret     AUTH_SIGNING_KEYS ← signing-keys:latest
     secret     REDIS_URL ← redis:latest
  2. netra-backend (backend)
     image      europe-west1-docker.pkg.dev/acme-staging/netra/backend:abc123
     port 8000, public, cpu 2, memory 1Gi, instances 1–10
     env        AUTH_SERVICE_URL=https://auth.staging.example.com
     env        BACKEND_ROLES=api
     env        ENVIRONMENT=staging
     secret     CLICKHOUSE_URL ← clickhouse:latest
     secret     DATABASE_URL ← backend-db:latest
     secret     REDIS_URL ← redis:latest
  3. netra-backend-worker (backend-worker)
     image      europe-west1-docker.pkg.dev/acme-staging/netra/backend:abc123
     port 8000, internal, cpu 1, memory 512Mi, instances 1–2
     env        AUTH_SERVICE_URL=https://auth.staging.example.com
     env        BACKEND_ROLES=worker
     env        ENVIRONMENT=staging
     secret     CLICKHOUSE_URL ← clickhouse:latest
     secret     DATABASE_URL ← backend-db:latest
     secret     REDIS_URL ← redis:latest
  4. netra-frontend (frontend)
     image      europe-west1-docker.pkg.dev/acme-staging/netra/frontend:abc123
     port 3000, public, cpu 1, memory 512Mi, instances 0–10
     env        AUTH_SERVICE_URL=https://auth.staging.example.com
     env        BACKEND_URL=https://api.staging.example.com
     env        ENVIRONMENT=staging
Commands
  # build and push 3 images with Cloud Build
  $ gcloud builds submit . --project=acme-staging --region=europe-west1 --config={file}
    {file} = cloudbuild.json:
      {
        "steps": [
          {"name":"gcr.io/cloud-builders/docker","args":["build","-f","services/auth/Dockerfile","-t","europe-west1-docker.pkg.dev/acme-staging/netra/auth:abc123","."]},
          {"name":"gcr.io/cloud-builders/docker","args":["build","-f","services/backend/Dockerfile","-t","europe-west1-docker.pkg.dev/acme-staging/netra/backend:abc123","."]},
          {"name":"gcr.io/cloud-builders/docker","args":["build","-f","services/frontend/Dockerfile","-t","europe-west1-docker.pkg.dev/acme-staging/netra/frontend:abc123","."]}
        ],
        "images": ["europe-west1-docker.pkg.dev/acme-staging/netra/auth:abc123", "europe-west1-docker.pkg.dev/acme-staging/netra/backend:abc123", "europe-west1-docker.pkg.dev/acme-staging/netra/frontend:abc123"]
      }
  # deploy auth
  $ gcloud run deploy netra-auth --project=acme-staging --region=europe-west1 --image=europe-west1-docker.pkg.dev/acme-staging/netra/auth:abc123 --port=8081 --set-env-vars=^@^AUTH_SERVICE_URL=https://auth.staging.example.com@ENVIRONMENT=staging@FRONTEND_URL=https://app.staging.example.com --set-secrets=AUTH_DATABASE_URL=auth-db:latest,AUTH_SIGNING_KEYS=signing-keys:latest,REDIS_URL=redis:latest --cpu=1 --memory=512Mi --min-instances=0 --max-instances=10 --concurrency=80 --ingress=all --allow-unauthenticated --quiet
  # deploy backend
    (with --run-checks, first waits for https://auth.staging.example.com/health/ready)
  $ gcloud run deploy netra-backend --project=acme-staging --region=europe-west1 --image=europe-west1-docker.pkg.dev/acme-staging/netra/backend:abc123 --port=8000 --set-env-vars=^@^AUTH_SERVICE_URL=https://auth.staging.example.com@BACKEND_ROLES=api@ENVIRONMENT=staging --set-secrets=CLICKHOUSE_URL=clickhouse:latest,DATABASE_URL=backend-db:latest,REDIS_URL=redis:latest --cpu=2 --memory=1Gi --min-instances=1 --max-instances=10 --concurrency=80 --ingress=all --allow-unauthenticated --quiet
  # deploy backend-worker
    (with --run-checks, first waits for https://auth.staging.example.com/health/ready)
  $ gcloud run deploy netra-backend-worker --project=acme-staging --region=europe-west1 --image=europe-west1-docker.pkg.dev/acme-staging/netra/backend:abc123 --port=8000 --set-env-vars=^@^AUTH_SERVICE_URL=https://auth.staging.example.com@BACKEND_ROLES=worker@ENVIRONMENT=staging --set-secrets=CLICKHOUSE_URL=clickhouse:latest,DATABASE_URL=backend-db:latest,REDIS_URL=redis:latest --cpu=1 --memory=512Mi --min-instances=1 --max-instances=2 --concurrency=80 --ingress=internal --no-allow-unauthenticated --no-cpu-throttling --quiet
  # deploy frontend
    (with --run-checks, first waits for https://api.staging.example.com/health/ready)
    (with --run-checks, first waits for https://auth.staging.example.com/health/ready)
  $ gcloud run deploy netra-frontend --project=acme-staging --region=europe-west1 --image=europe-west1-docker.pkg.dev/acme-staging/netra/frontend:abc123 --port=3000 --set-env-vars=^@^AUTH_SERVICE_URL=https://auth.staging.example.com@BACKEND_URL=https://api.staging.example.com@ENVIRONMENT=staging --clear-secrets --cpu=1 --memory=512Mi --min-instances=0 --max-instances=10 --concurrency=80 --ingress=all --allow-unauthenticated --quiet
dry run: validation passed; nothing was built or deployed
`;

describe('npm run deploy', () => {
  it('--dry-run prints everything it would apply, never a secret value, and calls nothing', async () => {
    const run = await deploy([
      '--project',
      'acme-staging',
      '--dry-run',
      '--config',
      settingsFile(goodSettings()),
    ]);
    expect(run.code).toBe(0);
    expect(`${run.lines.join('\n')}\n`).toBe(EXPECTED_DRY_RUN);
    expect(run.executed).toEqual([]);
    for (const value of Object.values(goodSecrets)) {
      expect(run.lines.join('\n')).not.toContain(value);
    }
  });

  it('refuses a failing configuration, listing its problems, and deploys nothing', async () => {
    const settings = withService('frontend', {
      env: { BACKEND_URL: 'http://localhost:8000', AUTH_SERVICE_URL: 'https://auth.{domain}' },
    });
    const run = await deploy(['--project', 'acme-staging', '--config', settingsFile(settings)], {
      secretManager: secretManagerStandIn(goodSecrets).secretManager,
    });
    expect(run.code).toBe(1);
    expect(run.lines).toContain('  FAIL localhost');
    expect(run.lines).toContain('       ✗ frontend: BACKEND_URL points at localhost (http://localhost:8000)');
    expect(run.lines.at(-1)).toBe('refused: 1 problem in localhost; nothing was deployed');
    expect(run.executed).toEqual([]);
  });

  it('refuses a secret missing from Secret Manager after asking for each secret once', async () => {
    const { 'signing-keys': _missing, ...present } = goodSecrets;
    const standIn = secretManagerStandIn(present);
    const run = await deploy(
      ['--project', 'acme-staging', '--config', settingsFile(goodSettings())],
      standIn,
    );
    expect(standIn.requested).toEqual(
      ['auth-db', 'backend-db', 'clickhouse', 'redis', 'signing-keys'].map(
        (id) => `projects/acme-staging/secrets/${id}/versions/latest`,
      ),
    );
    expect(run.code).toBe(1);
    expect(run.lines).toContain(
      '       ✗ auth: secret signing-keys (AUTH_SIGNING_KEYS) does not exist or is empty in Secret Manager (project acme-staging)',
    );
    expect(run.executed).toEqual([]);
  });

  it('deploys in dependency order once every rule passes, building locally with --build-local', async () => {
    const standIn = secretManagerStandIn(goodSecrets);
    const argv = ['--project', 'acme-staging', '--build-local', '--config', settingsFile(goodSettings())];
    const run = await deploy(argv, standIn);
    expect(run.code).toBe(0);
    expect(run.executed.map((command) => command.argv.slice(0, 4).join(' '))).toEqual([
      'gcloud auth configure-docker europe-west1-docker.pkg.dev',
      'docker build -f services/auth/Dockerfile',
      'docker push europe-west1-docker.pkg.dev/acme-staging/netra/auth:abc123',
      'docker build -f services/backend/Dockerfile',
      'docker push europe-west1-docker.pkg.dev/acme-staging/netra/backend:abc123',
      'docker build -f services/frontend/Dockerfile',
      'docker push europe-west1-docker.pkg.dev/acme-staging/netra/frontend:abc123',
      'gcloud run deploy netra-auth',
      'gcloud run deploy netra-backend',
      'gcloud run deploy netra-backend-worker',
      'gcloud run deploy netra-frontend',
    ]);
    expect(run.lines.at(-1)).toBe('deployed 11 steps');
  });

  it('with --run-checks, probes the stores and waits for each upstream before the service that calls it', async () => {
    const probed: string[] = [];
    const record = (what: string, fail = false) => {
      probed.push(what);
      return fail ? Promise.reject(new Error('answered 503')) : Promise.resolve();
    };
    const probes = {
      postgres: (url: { host: string }) => record(`postgres ${url.host}`),
      tcp: (host: string, port: number) => record(`tcp ${host}:${port}`),
      http: (url: string) => record(`http ${url}`, url.startsWith('https://api.')),
    };
    const argv = ['--project', 'acme-staging', '--run-checks', '--config', settingsFile(goodSettings())];
    const run = await deploy(argv, { ...secretManagerStandIn(goodSecrets), probes });
    expect(probed).toEqual([
      'postgres 10.1.0.5',
      'postgres db.internal.example.com',
      'tcp redis.internal.example.com:6380',
      'http https://clickhouse.internal.example.com:8443/ping',
      'http https://auth.staging.example.com/health/ready',
      'http https://auth.staging.example.com/health/ready',
      'http https://api.staging.example.com/health/ready',
    ]);
    expect(run.executed.map((command) => command.purpose)).toEqual([
      'build and push 3 images with Cloud Build',
      'deploy auth',
      'deploy backend',
      'deploy backend-worker',
    ]);
    expect(run.lines.at(-1)).toBe(
      'deploy failed: deploy frontend needs https://api.staging.example.com/health/ready: answered 503',
    );
    expect(run.code).toBe(1);
  });

  it('answers a usage mistake with exit code 2 and the usage', async () => {
    const run = await deploy(['--project', 'acme-netra']);
    expect(run.code).toBe(2);
    expect(run.lines[0]).toBe(
      'error: cannot tell the environment from project acme-netra: pass --environment staging|production',
    );
    expect(run.lines[1]).toMatch(/^Usage: npm run deploy -- --project P/);
  });
});
