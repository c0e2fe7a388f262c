/**
 * Everything triage extracts from a message with rules only: models and providers (through the
 * price catalog when there is one), amounts, targets, the period and the organization's features.
 * Used by the Triage agent and, without catalog and features, by the fallback.
 * @module
 */
import type { PriceCatalog } from '@netra/optimizer';
import { extractAmounts, monthlyUsd, type Amount } from './extract-amounts.js';
import { extractFeatures } from './extract-features.js';
import { extractModels, extractProviders } from './extract-models.js';
import { extractTargets } from './extract-targets.js';
import { extractTimeRange } from './extract-time-range.js';
import type { Entities } from './request-goal.js';

export interface Extracted {
  entities: Entities;
  /** The spend the user states, per month; null when none has a period. */
  monthlySpend: number | null;
}

export interface ExtractionSources {
  catalog: PriceCatalog | null;
  features: readonly string[];
  now: Date;
}

/** A target amount ("under $2,000 a month") becomes a spend target, per month when a period is given. */
function costTargets(amounts: readonly Amount[]): Entities['targets'] {
  return amounts
    .filter((amount) => amount.role === 'target')
    .map((amount) => ({
      mention: amount.mention,
      kind: 'cost_usd' as const,
      value: monthlyUsd(amount) ?? amount.usd,
    }));
}

/** A savings amount ("save $1,000 a month") is a savings share once the spend it comes out of is known. */
function savingsTargets(amounts: readonly Amount[], monthlySpend: number | null): Entities['targets'] {
  return amounts.flatMap((amount) => {
    const monthly = monthlyUsd(amount);
    if (amount.role !== 'savings' || monthly === null || monthlySpend === null || monthly >= monthlySpend) {
      return [];
    }
    const value = Math.round((monthly / monthlySpend) * 1000) / 10;
    return [{ mention: amount.mention, kind: 'savings_pct' as const, value }];
  });
}

/**
 * The monthly spend the message states: the first amount with a period, or the sum of several when
 * each names what it is spent on ("$3k/month on GPT-4o and $2k/month on Claude").
 */
function statedSpend(amounts: readonly Amount[]): number | null {
  const stated = amounts.filter((amount) => amount.role === 'stated' && amount.period !== null);
  const [first] = stated;
  if (first === undefined) {
    return null;
  }
  if (stated.length < 2 || !stated.every((amount) => amount.scoped)) {
    return monthlyUsd(first);
  }
  return Math.round(stated.reduce((sum, amount) => sum + (monthlyUsd(amount) ?? 0), 0) * 100) / 100;
}

export function extractEntities(text: string, sources: ExtractionSources): Extracted {
  const models = sources.catalog === null ? [] : extractModels(text, sources.catalog);
  const amounts = extractAmounts(text);
  const range = extractTimeRange(text, sources.now);
  const monthlySpend = statedSpend(amounts);
  const entities: Entities = {
    models,
    providers: extractProviders(text, models),
    amounts: amounts.map(({ mention, usd, period }) => ({ mention, usd, period })),
    targets: [...extractTargets(text), ...costTargets(amounts), ...savingsTargets(amounts, monthlySpend)],
    time_range:
      range === null
        ? null
        : { mention: range.mention, from: range.from.toISOString(), to: range.to.toISOString() },
    features: extractFeatures(text, sources.features),
  };
  return { entities, monthlySpend };
}
