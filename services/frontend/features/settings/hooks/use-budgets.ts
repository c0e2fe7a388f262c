'use client';
/** Budgets of the organization: list (with this month's spend and forecast), add, change, remove. */
import { budgetListSchema, budgetSchema, type UpdateBudgetBody } from '@netra/shared/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import type { budgetBody } from '../lib/budget-form';
import { orgKey, useInvalidateOrg, useOrg } from './use-org';

export function useBudgets() {
  const api = useApi();
  const org = useOrg();
  return useQuery({
    queryKey: orgKey(org?.organization, 'budgets'),
    queryFn: ({ signal }) =>
      api.request(org?.orgPath('/budgets') ?? '', { schema: budgetListSchema, signal }),
    enabled: org !== null,
  });
}

export function useAddBudget() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('budgets');
  return useMutation({
    mutationFn: (body: ReturnType<typeof budgetBody>) =>
      api.request(org?.orgPath('/budgets') ?? '', { method: 'POST', body, schema: budgetSchema }),
    onSuccess: invalidate,
  });
}

export function useUpdateBudget() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('budgets');
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateBudgetBody | Record<string, unknown> }) =>
      api.request(org?.orgPath(`/budgets/${encodeURIComponent(id)}`) ?? '', {
        method: 'PATCH',
        body,
        schema: budgetSchema,
      }),
    onSuccess: invalidate,
  });
}

export function useRemoveBudget() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('budgets');
  return useMutation({
    mutationFn: (id: string) =>
      api.request(org?.orgPath(`/budgets/${encodeURIComponent(id)}`) ?? '', { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
