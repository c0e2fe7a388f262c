/**
 * The Google Secret Manager provider of `SecretSource`, on the official `@google-cloud/secret-manager`
 * client. The client is injected so tests hand in a stand-in and read the requests it received
 * (Secret Manager is a paid cloud API); `createSecretManagerSource` builds the real one lazily.
 * @module
 */
import type { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { assertSecretName, type SecretSource } from './secret-source.js';

/** The part of the official client this provider calls. */
export type SecretManagerClient = Pick<SecretManagerServiceClient, 'accessSecretVersion'>;

/** gRPC status codes that mean "this secret has no value to read". */
const ABSENT_CODES = new Set([
  5, // NOT_FOUND: no such secret or version
  9, // FAILED_PRECONDITION: the version is disabled or destroyed
]);

function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function payloadText(data: Uint8Array | string | null | undefined): string | undefined {
  if (data === null || data === undefined) {
    return undefined;
  }
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
  return text === '' ? undefined : text;
}

export class SecretManagerSource implements SecretSource {
  readonly description: string;

  constructor(
    private readonly client: SecretManagerClient,
    private readonly project: string,
    private readonly version = 'latest',
  ) {
    this.description = `Secret Manager (project ${project})`;
  }

  /** The resource name of a secret's version, as the API expects it. */
  versionName(name: string): string {
    return `projects/${this.project}/secrets/${name}/versions/${this.version}`;
  }

  async get(name: string): Promise<string | undefined> {
    assertSecretName(name);
    try {
      const [response] = await this.client.accessSecretVersion({ name: this.versionName(name) });
      return payloadText(response.payload?.data);
    } catch (error) {
      if (ABSENT_CODES.has(grpcCode(error) ?? -1)) {
        return undefined;
      }
      throw new Error(`${this.description}: reading secret ${name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

/** A provider on the real client, authenticated by Application Default Credentials. */
export async function createSecretManagerSource(project: string): Promise<SecretManagerSource> {
  const { SecretManagerServiceClient } = await import('@google-cloud/secret-manager');
  return new SecretManagerSource(new SecretManagerServiceClient(), project);
}
