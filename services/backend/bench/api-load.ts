/**
 * Fixed-rate HTTP load with autocannon, one route at a time, and the table the API benchmark prints.
 * autocannon's rate is a budget per connection and second (`overallRate / connections` requests,
 * sent back to back from the start of each second, one in flight per connection), so the server sees
 * bursts of up to `connections` concurrent requests; when it is too slow to answer the budget in
 * time, the requests left over are never sent and the shortfall shows as a lower req/s achieved.
 * @module
 */
import autocannon from 'autocannon';

export interface LoadTarget {
  label: string;
  url: string;
  token?: string;
}

export interface LoadShape {
  rate: number;
  durationS: number;
  connections: number;
}

export interface LoadFigures {
  label: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Answers by status code, to say what the non-2xx ones were. */
  statuses: Record<string, number>;
}

function statusesOf(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([status, stats]) => [status, stats.count ?? 0]),
  );
}

async function load(target: LoadTarget, options: Partial<autocannon.Options>): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    headers: target.token === undefined ? {} : { authorization: `Bearer ${target.token}` },
    timeout: 10,
    // autocannon 8 corrects for coordinated omission with an expected interval of ceil(1 / per-connection
    // rate) = 1 ms instead of 1000 / rate ms, inventing a sample for every millisecond of every answer:
    // record what each answer took instead.
    ignoreCoordinatedOmission: true,
    ...options,
  });
}

/** `rate` requests at `rate` requests/s, unmeasured, so JIT and caches are warm when measuring starts. */
export async function warmUp(target: LoadTarget, shape: LoadShape): Promise<LoadFigures> {
  const result = await load(target, {
    overallRate: shape.rate,
    amount: shape.rate,
    connections: shape.connections,
  });
  return figuresOf(target.label, result);
}

/** The measured run: `rate` requests/s for `durationS` seconds over `connections` keep-alive connections. */
export async function measure(target: LoadTarget, shape: LoadShape): Promise<LoadFigures> {
  const result = await load(target, {
    overallRate: shape.rate,
    duration: shape.durationS,
    connections: shape.connections,
  });
  return figuresOf(target.label, result);
}

function figuresOf(label: string, result: autocannon.Result): LoadFigures {
  return {
    label,
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    non2xx: result.non2xx,
    statuses: statusesOf(result),
  };
}

export function failedRequests(figures: LoadFigures): number {
  return figures.errors + figures.non2xx;
}

const COLUMNS: [string, number][] = [
  ['route', 34],
  ['requests', 9],
  ['req/s', 7],
  ['p50', 7],
  ['p99', 7],
  ['max', 8],
  ['errors', 7],
  ['non-2xx', 8],
];

function row(cells: string[]): string {
  return `  ${cells.map((cell, index) => (index === 0 ? cell.padEnd(COLUMNS[0]?.[1] ?? 0) : cell.padStart(COLUMNS[index]?.[1] ?? 0))).join(' ')}\n`;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** The figures of every route, one line each. */
export function table(rows: readonly LoadFigures[]): string {
  const lines = rows.map((figures) =>
    row([
      figures.label,
      figures.requests.toLocaleString('en-US'),
      figures.rps.toFixed(0),
      ms(figures.p50Ms),
      ms(figures.p99Ms),
      ms(figures.maxMs),
      String(figures.errors),
      String(figures.non2xx),
    ]),
  );
  return row(COLUMNS.map(([name]) => name)) + lines.join('');
}
