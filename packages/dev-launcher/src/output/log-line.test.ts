import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import { parsePinoRecord, renderLogLine } from './log-line.js';

const plain = picocolors.createColors(false);
const render = (record: Record<string, unknown>) => renderLogLine(JSON.stringify(record), plain);
const TIME = /^\d{2}:\d{2}:\d{2}\.\d{3} /;

describe('renderLogLine', () => {
  it('renders time, level and message, dropping pid, hostname and service', () => {
    const line = render({
      level: 30,
      time: '2025-01-02T03:04:05.678Z',
      pid: 42,
      hostname: 'box',
      service: 'backend',
      msg: 'listening',
    });
    expect(line).toMatch(TIME);
    expect(line.replace(TIME, '')).toBe('INFO  listening');
  });

  it('accepts epoch-millisecond times', () => {
    expect(render({ level: 30, time: 1_700_000_000_000, msg: 'x' })).toMatch(TIME);
  });

  it.each([
    [10, 'TRACE'],
    [20, 'DEBUG'],
    [30, 'INFO '],
    [40, 'WARN '],
    [50, 'ERROR'],
    [60, 'FATAL'],
  ])('labels level %i as %s', (level, label) => {
    expect(render({ level, msg: 'm' })).toBe(`${label} m`);
  });

  it('shows other fields as key=value, one level of nesting dotted, awkward strings quoted', () => {
    const line = render({
      level: 30,
      msg: 'migrated',
      tier: 'postgres',
      count: 3,
      db: { mode: 'embedded' },
      note: 'a b',
    });
    expect(line).toBe('INFO  migrated tier=postgres count=3 db.mode=embedded note="a b"');
  });

  it('summarises fastify request logs as method, path, status and duration', () => {
    const incoming = render({
      level: 30,
      reqId: 'req-1',
      req: { method: 'GET', url: '/health/ready' },
      msg: 'incoming request',
    });
    const completed = render({
      level: 30,
      reqId: 'req-1',
      res: { statusCode: 200 },
      responseTime: 3.4,
      msg: 'request completed',
    });
    expect(incoming).toBe('INFO  incoming request GET /health/ready reqId=req-1');
    expect(completed).toBe('INFO  request completed 200 3ms reqId=req-1');
  });

  it('shows an error message inline and, for errors, the first stack frames below', () => {
    const err = {
      type: 'Error',
      message: 'boom',
      stack: 'Error: boom\n    at main (main.ts:1:1)\n    at run (run.ts:2:2)',
    };
    expect(render({ level: 50, msg: 'failed', err })).toBe(
      'ERROR failed err="boom"\n    at main (main.ts:1:1)\n    at run (run.ts:2:2)',
    );
    expect(render({ level: 40, msg: 'retrying', err })).toBe('WARN  retrying err="boom"');
  });

  it('caps the number of fields and the length of values', () => {
    const fields = Object.fromEntries(Array.from({ length: 12 }, (_, index) => [`k${index}`, index]));
    expect(render({ level: 30, msg: 'many', ...fields }).endsWith('k7=7 …')).toBe(true);
    expect(render({ level: 30, msg: 'long', text: 'x'.repeat(200) })).toHaveLength(
      'INFO  long text='.length + 80,
    );
  });

  it.each(['plain text from next build', '  ▲ Next.js 16', '{"not":"pino"}', '{broken json', ''])(
    'passes %j through unchanged',
    (line) => {
      expect(renderLogLine(line, plain)).toBe(line);
    },
  );
});

describe('parsePinoRecord', () => {
  it('needs an object with a numeric level', () => {
    expect(parsePinoRecord('{"level":"info","msg":"x"}')).toBeUndefined();
    expect(parsePinoRecord('[1,2]')).toBeUndefined();
    expect(parsePinoRecord(' {"level":30} ')).toEqual({ level: 30 });
  });
});
