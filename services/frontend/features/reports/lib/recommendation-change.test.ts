/** Unit tests of the optimistic recommendation change and the lookup by opportunity. */
import type { Recommendation } from '@netra/shared/contracts';
import { describe, expect, it } from 'vitest';
import { byOpportunity, replaceRecommendation, withChange } from './recommendation-change';

const now = new Date('2026-12-04T12:00:00.000Z');

function recommendation(overrides: Partial<Recommendation> = {}): Recommendation {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    org_id: '00000000-0000-4000-8000-0000000000aa',
    report_id: '00000000-0000-4000-8000-0000000000bb',
    opportunity_id: 'cache',
    kind: 'prompt_caching',
    title: 'Prompt caching',
    scope: { feature: 'chat' },
    monthly_savings_usd: 12.5,
    proven: true,
    status: 'proposed',
    applied_at: null,
    dismissed_reason: null,
    created_at: '2026-12-01T00:00:00.000Z',
    updated_at: '2026-12-01T00:00:00.000Z',
    realized: null,
    ...overrides,
  };
}

describe('withChange', () => {
  it('marks applied with its date and no realized savings yet', () => {
    const changed = withChange(recommendation(), { status: 'applied', applied_at: now.toISOString() }, now);
    expect(changed).toMatchObject({
      status: 'applied',
      applied_at: now.toISOString(),
      realized: null,
      updated_at: now.toISOString(),
    });
  });

  it('marks dismissed with the reason and back to proposed clearing both', () => {
    const dismissed = withChange(recommendation(), { status: 'dismissed', reason: 'Not for us' }, now);
    expect(dismissed).toMatchObject({
      status: 'dismissed',
      dismissed_reason: 'Not for us',
      applied_at: null,
    });
    const back = withChange(dismissed, { status: 'proposed' }, now);
    expect(back).toMatchObject({ status: 'proposed', dismissed_reason: null, applied_at: null });
  });
});

describe('replaceRecommendation and byOpportunity', () => {
  it('changes only the named recommendation and finds each by its opportunity', () => {
    const other = recommendation({ id: '00000000-0000-4000-8000-000000000002', opportunity_id: 'batch' });
    const list = replaceRecommendation([recommendation(), other], other.id, (item) => ({
      ...item,
      status: 'dismissed',
    }));
    expect(list.map((item) => item.status)).toEqual(['proposed', 'dismissed']);
    expect(byOpportunity(list).get('batch')?.id).toBe(other.id);
    expect(byOpportunity(list).get('missing')).toBeUndefined();
  });
});
