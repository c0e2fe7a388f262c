/**
 * The deterministic classification: each category has weighted phrases, a message scores the sum of
 * the phrases it contains, and the best score wins when it is clear enough (else `general`).
 * Constraints ("without increasing cost", "while maintaining quality") are removed before scoring:
 * they qualify a request, they are not its subject. Priority follows urgency words, then the stakes.
 * @module
 */
import type { TriageCategory } from '@netra/shared/contracts';

type Scored = Exclude<TriageCategory, 'general'>;
type Rule = readonly [pattern: RegExp, weight: number];

const RULES: Readonly<Record<Scored, readonly Rule[]>> = {
  cost_optimization: [
    [
      /\b(reduc\w*|cut\w*|lower\w*|sav\w*|trim|slash\w*|decreas\w*|optimi[sz]\w*)\b[^.;!?]{0,40}\b(costs?|spend\w*|bill\w*|budget|expenses?)\b/i,
      3,
    ],
    [/\bcosts?\b|\bcostly\b/i, 1.5],
    [/\bspend(ing)?\b|\bspent\b/i, 1],
    [/\b(cheaper|expensive|pricey|overspend\w*)\b/i, 2],
    [/\b(bill|billing|invoice|budget)\b/i, 1],
    [/\$\s?\d|\b\d+\s?(usd|dollars)\b/i, 1],
    [/\b(save|saving|savings)\b/i, 1.5],
    [/\b(cach(e|ing)|batch(es|ing)?|token usage|waste\w*)\b/i, 1],
  ],
  performance_optimization: [
    [
      /\b(latency|response times?|slow\w*|faster|speed\s?up|throughput|time to first token|ttft|p9\d|lag\w*)\b/i,
      2.5,
    ],
    [/\b\d+(\.\d+)?\s?(ms|milliseconds?|s|secs?|seconds?)\b/i, 1],
    [/\b(time\s?outs?|timing out)\b/i, 1.5],
    [/\bperformance\b/i, 2],
    [/\bsub-?\s?second\b/i, 2],
  ],
  model_selection: [
    [/\b(which|what|best|right|better|cheaper|smaller|alternative|different)\b[^.;!?]{0,30}\bmodels?\b/i, 3],
    [/\b(switch\w*|migrat\w*|mov(e|ing)|replac\w*|downgrad\w*|upgrad\w*)\b[^.;!?]{0,30}\b(to|from)\b/i, 2],
    [/\b(compare|comparison|versus|vs\.?)\b/i, 2],
    [/\b(which|what)\b[^.;!?]{0,40}\b(cheaper|better|faster|best|smarter)\b/i, 2.5],
    [/\b(benchmark\w*|evals?|evaluation)\b/i, 1],
    [/\bmodels?\b/i, 0.5],
  ],
  workload_analysis: [
    [
      /\b(analy[sz]\w*|breakdown|break down|usage patterns?|workloads?|what drives|(top|biggest|main) (cost )?drivers?)\b/i,
      2.5,
    ],
    [/\bwhere (is|does|do) (my|our|the) (money|spend\w*|budget|costs?) go\b/i, 3],
    [/\bwhich (features?|teams?|users?|endpoints?|apps?)\b/i, 1.5],
    [/\b(trends?|distribution|understand)\b/i, 1],
  ],
  capacity_planning: [
    [/\b(tripl\w*|doubl(e|es|ed|ing)\b(?!-)|quadrupl\w*|\d+(\.\d+)?\s?(x|×))\b/i, 2],
    [
      /\b(scal(e|ing)|grow\w*|capacity|rate limits?|tpm|rpm|quotas?|peak|prepare|forecast\w*|projection|launch\w*)\b/i,
      1.5,
    ],
    [/\b(more|increase in|spike in|surge in)\s+(traffic|usage|users|requests|load|volume)\b/i, 2.5],
    [/\bwill (tripl\w*|doubl\w*|grow|increase|quadrupl\w*)\b/i, 2],
  ],
  configuration: [
    [
      /\b(configur\w*|config|set\s?up|settings?|parameters?|max_tokens|max tokens|temperature|enable|turn on|api keys?|integrat\w*|instrument\w*|sdk)\b/i,
      1.5,
    ],
    [/\bhow (do|can|should) (i|we) (set|enable|configure|connect|send|install)\b/i, 2.5],
  ],
  monitoring_reporting: [
    [
      /\b(monitor\w*|alerts?|alerting|dashboards?|reports?|reporting|track(ing)?|notif\w*|anomal\w*|spikes?)\b/i,
      2,
    ],
    [/\b(weekly|monthly|daily) (report|summary|digest)\b/i, 2.5],
  ],
};

/** Constraints that qualify a request without being its subject. */
const CONSTRAINTS =
  /\b(without|while|but not|not) (increas\w*|rais\w*|hurt\w*|sacrific\w*|los\w*|degrad\w*|reduc\w*|affect\w*|maintain\w*|keep\w*|compromis\w*)( the| our| my)? (costs?|spend\w*|budget|bill|quality|accuracy)\b|\b(maintain\w*|keep\w*|preserv\w*)( the| our| my)? (quality|accuracy)\b/gi;

/** Below this score no category is clear: the request is `general`. */
const MIN_SCORE = 1.5;

export interface Classification {
  category: TriageCategory;
  confidence: number;
  scores: Partial<Record<Scored, number>>;
}

function scoresOf(text: string, modelsNamed: number): [Scored, number][] {
  const subject = text.replace(CONSTRAINTS, ' ');
  const bonus = (category: Scored) =>
    category === 'model_selection' && modelsNamed >= 2 ? SEVERAL_MODELS_BONUS : 0;
  return (Object.entries(RULES) as [Scored, readonly Rule[]][])
    .map(([category, rules]): [Scored, number] => [
      category,
      rules.reduce((sum, [pattern, weight]) => sum + (pattern.test(subject) ? weight : 0), bonus(category)),
    ])
    .filter(([, score]) => score > 0);
}

/** Naming two or more models in one request is a comparison of them. */
const SEVERAL_MODELS_BONUS = 2;

/** The category the phrases point to, with a confidence from how far it leads the runner-up. */
export function classify(text: string, modelsNamed = 0): Classification {
  const scored = scoresOf(text, modelsNamed);
  const ranked = [...scored].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  const scores = Object.fromEntries(scored);
  if (best === undefined || best[1] < MIN_SCORE) {
    return { category: 'general', confidence: text.length < 3 ? 0.1 : 0.3, scores };
  }
  const lead = best[1] / (best[1] + (second?.[1] ?? 0) + 1);
  const confidence = Math.round(Math.min(0.95, Math.max(0.35, 0.25 + lead * 0.8)) * 100) / 100;
  return { category: best[0], confidence, scores };
}

export type Priority = 'low' | 'medium' | 'high' | 'critical';

const CRITICAL = /\b(outage|is down|went down|emergency|production (is )?(down|failing|broken)|sev ?[01])\b/i;
const URGENT =
  /\b(urgent\w*|asap|immediately|right away|critical|blocking|deadline|this week|by tomorrow)\b/i;
/** A stated spend from here on makes a cost question high priority. */
const HIGH_STAKES_MONTHLY_USD = 10_000;

/** Urgency words first; then a large stated spend or a latency target; insight questions are low. */
export function priorityOf(text: string, category: TriageCategory, monthlySpend: number | null): Priority {
  if (CRITICAL.test(text)) {
    return 'critical';
  }
  if (URGENT.test(text) || (monthlySpend ?? 0) >= HIGH_STAKES_MONTHLY_USD) {
    return 'high';
  }
  return ['general', 'monitoring_reporting', 'workload_analysis', 'configuration'].includes(category)
    ? 'low'
    : 'medium';
}
