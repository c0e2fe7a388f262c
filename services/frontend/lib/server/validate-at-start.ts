import { ConfigError } from '@netra/shared/server';
import { frontendConfig } from './config-store';
import type { FrontendConfig } from './frontend-config';

/** Where start-up validation reports: stdout/stderr in the server, a recorder in tests. */
export interface StartOutput {
  info(line: string): void;
  error(text: string): void;
}

const processOutput: StartOutput = {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Loads the configuration once at server start and reports the outcome.
 * Returns false (after printing every problem) when the configuration is invalid.
 */
export function validateConfigAtStart(
  load: () => FrontendConfig = frontendConfig,
  output: StartOutput = processOutput,
): boolean {
  try {
    output.info(describeConfig(load()));
    return true;
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    output.error(error.message);
    return false;
  }
}

function describeConfig(config: FrontendConfig): string {
  const { BACKEND_URL, AUTH_SERVICE_URL, FRONTEND_URL } = config.values;
  return `frontend: configuration valid (environment ${config.environment}, frontend ${FRONTEND_URL}, backend ${BACKEND_URL}, auth ${AUTH_SERVICE_URL})`;
}

/** Validates the configuration at server start and exits the process with status 1 when it is invalid. */
export function validateConfigOrExit(): void {
  if (!validateConfigAtStart()) {
    process.exit(1);
  }
}
