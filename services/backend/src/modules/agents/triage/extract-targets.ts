/**
 * Targets in a message: a share to save ("by 30%", "cut it in half"), a latency to get under
 * ("under 1 s", "below 800ms", "sub-second"), and a growth to plan for ("triple", "double", "10x",
 * "grow 50%"). A percentage is read by its clause: next to latency words it is not a savings target,
 * next to growth words it is a multiplier.
 * @module
 */
import { clauseAround } from './triage-text.js';

export type TargetKind = 'savings_pct' | 'latency_ms' | 'cost_usd' | 'multiplier';

export interface Target {
  mention: string;
  kind: TargetKind;
  value: number;
}

const PERCENT = /(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)/gi;
const LATENCY_WORDS = /\b(latency|response times?|faster|slow\w*|speed|ttft|time to first token|p9\d|p50)\b/i;
const GROWTH_WORDS =
  /\b(grow\w*|increas\w*|more|rise|rising|up|spike)\b[^.;!?]{0,60}\b(usage|traffic|requests?|users?|volume|load|calls|demand)\b|\b(usage|traffic|requests?|users?|volume|load|calls|demand)\b[^.;!?]{0,60}\b(grow\w*|increas\w*|rise|go(?:es)? up)\b/i;
/** Matches of one kind read at most: a request states a handful; the rest of a long paste is noise. */
const MAX_MATCHES = 20;

const LATENCY_TARGET =
  /\b(?:under|below|less than|within|at most|to|max(?:imum)?(?: of)?|no more than)\s*(\d+(?:\.\d+)?)\s?(ms|milliseconds?|s|secs?|seconds?)\b|<\s*(\d+(?:\.\d+)?)\s?(ms|milliseconds?|s|secs?|seconds?)\b/gi;
const SUB_SECOND = /\bsub-?\s?second\b/i;

const GROWTH_VERBS: readonly [RegExp, number][] = [
  [/\b(?:doubl(?:e|es|ed|ing))\b(?!-)/i, 2],
  [/\b(?:tripl(?:e|es|ed|ing))\b/i, 3],
  [/\b(?:quadrupl(?:e|es|ed|ing))\b/i, 4],
];
const TIMES =
  /\b(\d+(?:\.\d+)?)\s?(?:x|×|times)(?=\s|$|[.,;!?])(?!\s*(?:cheaper|less|lower|faster|smaller))/gi;
const CHEAPER_TIMES = /\b(\d+(?:\.\d+)?)\s?(?:x|×|times)\s*(?:cheaper|less expensive|lower cost)/i;
const HALVE = /\b(?:halve|halving|cut (?:\w+ ){0,2}in half|by half)\b/i;

function percentTargets(text: string): Target[] {
  const targets: Target[] = [];
  for (const match of [...text.matchAll(PERCENT)].slice(0, MAX_MATCHES)) {
    const value = Number(match[1]);
    const { before, after } = clauseAround(text, match.index);
    const clause = `${before}${after}`;
    if (GROWTH_WORDS.test(clause) && !/\b(cost|spend|bill|sav\w*|reduc\w*|cut)\b/i.test(before)) {
      targets.push({ mention: match[0], kind: 'multiplier', value: 1 + value / 100 });
    } else if (LATENCY_WORDS.test(before) || LATENCY_WORDS.test(after.slice(0, 40))) {
      continue;
    } else if (value > 0 && value <= 100) {
      targets.push({
        mention: `${/\bby\s*$/i.test(before) ? 'by ' : ''}${match[0]}`,
        kind: 'savings_pct',
        value,
      });
    }
  }
  return targets;
}

function toMs(value: number, unit: string): number {
  return unit.toLowerCase().startsWith('m') ? value : value * 1000;
}

function latencyTargets(text: string): Target[] {
  const targets: Target[] = [];
  for (const match of [...text.matchAll(LATENCY_TARGET)].slice(0, MAX_MATCHES)) {
    const value = Number(match[1] ?? match[3]);
    const unit = match[2] ?? match[4] ?? 'ms';
    if (value > 0) {
      targets.push({ mention: match[0], kind: 'latency_ms', value: toMs(value, unit) });
    }
  }
  const sub = SUB_SECOND.exec(text);
  if (targets.length === 0 && sub !== null) {
    targets.push({ mention: sub[0], kind: 'latency_ms', value: 1000 });
  }
  return targets;
}

function growthTargets(text: string): Target[] {
  const targets: Target[] = [];
  for (const [pattern, value] of GROWTH_VERBS) {
    const match = pattern.exec(text);
    if (match !== null) {
      targets.push({ mention: match[0], kind: 'multiplier', value });
    }
  }
  for (const match of [...text.matchAll(TIMES)].slice(0, MAX_MATCHES)) {
    const value = Number(match[1]);
    if (value > 1) {
      targets.push({ mention: match[0], kind: 'multiplier', value });
    }
  }
  return targets;
}

function cheaperTargets(text: string): Target[] {
  const times = CHEAPER_TIMES.exec(text);
  const targets: Target[] = [];
  if (times !== null && Number(times[1]) > 1) {
    const value = Math.round((1 - 1 / Number(times[1])) * 1000) / 10;
    targets.push({ mention: times[0], kind: 'savings_pct', value });
  }
  const half = HALVE.exec(text);
  if (half !== null) {
    targets.push({ mention: half[0], kind: 'savings_pct', value: 50 });
  }
  return targets;
}

/** Every target of the text: savings shares first as written, then latency, growth, and "N× cheaper". */
export function extractTargets(text: string): Target[] {
  return [...percentTargets(text), ...latencyTargets(text), ...growthTargets(text), ...cheaperTargets(text)];
}
