import type { Colors } from './output.js';

type LogRecord = Record<string, unknown>;
type Paint = (text: string) => string;

interface LevelStyle {
  label: string;
  paint: (colors: Colors) => Paint;
}

const TRACE: LevelStyle = { label: 'TRACE', paint: (c) => c.gray };
const LEVELS: readonly (readonly [number, LevelStyle])[] = [
  [60, { label: 'FATAL', paint: (c) => (text) => c.bgRed(c.white(text)) }],
  [50, { label: 'ERROR', paint: (c) => c.red }],
  [40, { label: 'WARN ', paint: (c) => c.yellow }],
  [30, { label: 'INFO ', paint: (c) => c.green }],
  [20, { label: 'DEBUG', paint: (c) => c.blue }],
  [0, TRACE],
];

/** Keys shown elsewhere on the line, or noise for a developer watching the log. */
const HIDDEN_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'v', 'req', 'res', 'err']);
const MAX_FIELDS = 8;
const MAX_VALUE_LENGTH = 80;
const MAX_STACK_LINES = 8;

/** Renders one line of a child's output: a pino JSON record compactly, anything else unchanged. */
export function renderLogLine(line: string, colors: Colors): string {
  const record = parsePinoRecord(line);
  if (record === undefined) {
    return line;
  }
  const level = typeof record.level === 'number' ? record.level : 30;
  const style = levelStyle(level);
  const head = [colors.dim(formatTime(record.time)), style.paint(colors)(style.label)];
  const message = typeof record.msg === 'string' ? record.msg : '';
  const parts = [...head, message, ...requestSummary(record), ...fieldTokens(record).map(colors.gray)];
  const error = errorText(record.err, level, colors);
  return parts.filter((part) => part !== '').join(' ') + error;
}

/** The record when `line` is a pino JSON line (an object with a numeric level), else undefined. */
export function parsePinoRecord(line: string): LogRecord | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || typeof parsed.level !== 'number') {
    return undefined;
  }
  return parsed;
}

function levelStyle(level: number): LevelStyle {
  const found = LEVELS.find(([threshold]) => level >= threshold);
  return found === undefined ? TRACE : found[1];
}

function formatTime(time: unknown): string {
  if (typeof time !== 'number' && typeof time !== 'string') {
    return '';
  }
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Fastify request logs: `GET /path` for the request, `200 3ms` for the response. */
function requestSummary(record: LogRecord): string[] {
  const tokens: string[] = [];
  const request = record.req;
  if (isRecord(request) && typeof request.method === 'string' && typeof request.url === 'string') {
    tokens.push(`${request.method} ${request.url}`);
  }
  const response = record.res;
  if (isRecord(response) && typeof response.statusCode === 'number') {
    tokens.push(String(response.statusCode));
  }
  if (typeof record.responseTime === 'number') {
    tokens.push(`${Math.round(record.responseTime)}ms`);
  }
  return tokens;
}

function fieldTokens(record: LogRecord): string[] {
  const tokens: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (HIDDEN_KEYS.has(key) || key === 'responseTime') {
      continue;
    }
    if (isRecord(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        tokens.push(`${key}.${inner}=${formatValue(innerValue)}`);
      }
    } else {
      tokens.push(`${key}=${formatValue(value)}`);
    }
  }
  return tokens.length > MAX_FIELDS ? [...tokens.slice(0, MAX_FIELDS), '…'] : tokens;
}

function formatValue(value: unknown): string {
  const text = typeof value === 'string' && !/[\s="]/.test(value) ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** An error's message on the line; for errors and worse, the first stack frames below it. */
function errorText(err: unknown, level: number, colors: Colors): string {
  if (!isRecord(err)) {
    return '';
  }
  const message = typeof err.message === 'string' ? err.message : JSON.stringify(err);
  const inline = ` ${colors.red(`err=${JSON.stringify(message)}`)}`;
  if (level < 50 || typeof err.stack !== 'string') {
    return inline;
  }
  const frames = err.stack
    .split('\n')
    .filter((frameLine) => frameLine.trimStart().startsWith('at '))
    .slice(0, MAX_STACK_LINES);
  return inline + frames.map((frame) => `\n    ${colors.dim(frame.trim())}`).join('');
}

function isRecord(value: unknown): value is LogRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
