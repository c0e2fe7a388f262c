/**
 * Secrets behind one interface (ARCHITECTURE §6): a secret is asked for by name and is either there or not.
 * Development reads the environment, containers can mount a directory of files (Docker and Kubernetes
 * secrets), and staging/production read Google Secret Manager (`./secret-manager.ts`).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeployedEnvironment, type EnvironmentName } from '#env/environment.js';
import type { IsolatedEnvironment } from '#env/isolated-environment.js';

/** Where secrets come from. `get` resolves undefined for a secret that does not exist (or is empty). */
export interface SecretSource {
  /** Names the source in messages, e.g. `Secret Manager (project acme-staging)`. */
  readonly description: string;
  get(name: string): Promise<string | undefined>;
}

/** A file or Secret Manager name: letters, digits, `_`, `-`, `.` — never a path. */
const SECRET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function assertSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw new Error(`secret name "${name}" may only hold letters, digits, "_", "-" and "." (no paths)`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Secrets are variables of the (isolated) environment: development and tests. */
export class EnvironmentSecretSource implements SecretSource {
  readonly description = 'the environment';

  constructor(private readonly env: IsolatedEnvironment) {}

  get(name: string): Promise<string | undefined> {
    return Promise.resolve(nonEmpty(this.env.get(name)));
  }
}

/** Secrets are files named by secret in one directory (`/run/secrets/<name>`), as Docker and Kubernetes mount them. */
export class FileSecretSource implements SecretSource {
  readonly description: string;

  constructor(private readonly directory: string) {
    this.description = `directory ${directory}`;
  }

  async get(name: string): Promise<string | undefined> {
    assertSecretName(name);
    try {
      // Editors and `echo` leave a final newline that is never part of the secret.
      return nonEmpty((await readFile(join(this.directory, name), 'utf8')).replace(/\r?\n$/, ''));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }
}

export interface SecretSourceChoice {
  environment: EnvironmentName;
  env: IsolatedEnvironment;
  /** A directory of secret files: wins over the environment's default source. */
  directory?: string;
  /** Google Cloud project holding the secrets; required for staging and production without a directory. */
  project?: string;
}

/**
 * The source an environment reads its secrets from: a given directory, else Secret Manager in
 * staging and production, else the environment. Secret Manager's client is loaded only when chosen.
 */
export async function selectSecretSource(choice: SecretSourceChoice): Promise<SecretSource> {
  if (choice.directory !== undefined) {
    return new FileSecretSource(choice.directory);
  }
  if (!isDeployedEnvironment(choice.environment)) {
    return new EnvironmentSecretSource(choice.env);
  }
  if (choice.project === undefined) {
    throw new Error(
      `${choice.environment} reads secrets from Secret Manager: a Google Cloud project is required`,
    );
  }
  const { createSecretManagerSource } = await import('./secret-manager.js');
  return createSecretManagerSource(choice.project);
}
