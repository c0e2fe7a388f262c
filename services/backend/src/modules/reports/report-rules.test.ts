import type { AnalysisReport } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { provenOpportunityIds } from './reports.service.js';

const opportunity = (id: string, confidence: 'low' | 'high', requiresEvaluation: boolean) => ({
  id,
  confidence,
  requires_evaluation: requiresEvaluation,
});

describe('proven opportunities of a report', () => {
  it('are the ones the plan’s proven figure counts', () => {
    const analysis = {
      plan: { proven: { opportunity_ids: ['b'] } },
      opportunities: [opportunity('a', 'high', false), opportunity('b', 'high', false)],
    } as unknown as AnalysisReport;
    expect([...provenOpportunityIds(analysis)]).toEqual(['b']);
  });

  it('follow the engine’s rule on reports whose plan has no proven part', () => {
    const analysis = {
      plan: { opportunity_ids: ['a', 'b', 'c'] },
      opportunities: [
        opportunity('a', 'high', false),
        opportunity('b', 'high', true),
        opportunity('c', 'low', false),
      ],
    } as unknown as AnalysisReport;
    expect([...provenOpportunityIds(analysis)]).toEqual(['a']);
  });
});
