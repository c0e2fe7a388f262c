'use client';
/** The organization's price overrides: list, add, change, remove. */
import { pageSchema, priceOverrideRecordSchema } from '@netra/shared/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import type { overrideBody } from '../lib/price-override-form';
import { orgKey, useInvalidateOrg, useOrg } from './use-org';

const overridePage = pageSchema(priceOverrideRecordSchema);

export function usePriceOverrides() {
  const api = useApi();
  const org = useOrg();
  return useQuery({
    queryKey: orgKey(org?.organization, 'price-overrides'),
    queryFn: ({ signal }) =>
      api.request(org?.orgPath('/price-overrides') ?? '', { schema: overridePage, signal }),
    enabled: org !== null,
  });
}

export function useAddPriceOverride() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('price-overrides');
  return useMutation({
    mutationFn: (body: ReturnType<typeof overrideBody>) =>
      api.request(org?.orgPath('/price-overrides') ?? '', {
        method: 'POST',
        body,
        schema: priceOverrideRecordSchema,
      }),
    onSuccess: invalidate,
  });
}

/** Replaces an override's spec and range (`PATCH`: the fields the form shows, all of them). */
export function useUpdatePriceOverride(id: string) {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('price-overrides');
  return useMutation({
    mutationFn: (body: ReturnType<typeof overrideBody>) =>
      api.request(org?.orgPath(`/price-overrides/${encodeURIComponent(id)}`) ?? '', {
        method: 'PATCH',
        body,
        schema: priceOverrideRecordSchema,
      }),
    onSuccess: invalidate,
  });
}

export function useRemovePriceOverride() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('price-overrides');
  return useMutation({
    mutationFn: (id: string) =>
      api.request(org?.orgPath(`/price-overrides/${encodeURIComponent(id)}`) ?? '', { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
