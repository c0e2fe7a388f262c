import { describe, expect, it } from 'vitest';
import { EMPTY_BUDGET, budgetBody, describeScope, parseThresholds } from './budget-form';

describe('budget form', () => {
  it('parses thresholds separated by commas or spaces, with or without %', () => {
    expect(parseThresholds('50, 80 100%')).toEqual([50, 80, 100]);
    expect(parseThresholds('50, lots')).toEqual([50, 'lots']);
  });

  it('builds the body: no name when empty, no scope value for the whole organization', () => {
    expect(budgetBody({ ...EMPTY_BUDGET, amount_usd: '500', scope_value: 'ignored' })).toEqual({
      amount_usd: 500,
      scope: { kind: 'org', value: '' },
      thresholds: [50, 80, 100],
    });
    expect(
      budgetBody({
        ...EMPTY_BUDGET,
        name: ' Chat ',
        amount_usd: '50',
        scope_kind: 'feature',
        scope_value: 'chat',
      }),
    ).toMatchObject({ name: 'Chat', scope: { kind: 'feature', value: 'chat' } });
  });

  it('describes a scope', () => {
    expect(describeScope({ kind: 'org', value: '' })).toBe('Whole organization');
    expect(describeScope({ kind: 'model', value: 'gpt-4o' })).toBe('Model gpt-4o');
  });
});
