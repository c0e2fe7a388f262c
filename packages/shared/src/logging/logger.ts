import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** Paths pino blanks out in every log line, wherever a secret may travel. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.secret',
  '*.apiKey',
  '*.api_key',
  '*.privateKey',
  'password',
  'token',
  'secret',
];

export interface LoggerInput {
  service: string;
  level?: string;
  /** Extra pino options (destination streams are passed separately). */
  options?: LoggerOptions;
}

/** A pino logger tagged with the service name and secret redaction. */
export function createLogger(input: LoggerInput, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: input.level ?? 'info',
    base: { service: input.service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...input.options,
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
