'use client';
/** Alert webhook targets: list, add (the secret is shown once), change, test, remove. */
import {
  createdWebhookTargetSchema,
  webhookTargetListSchema,
  webhookTargetSchema,
  webhookTestResultSchema,
  type UpdateWebhookBody,
} from '@netra/shared/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useApi } from '@/lib/api';
import { orgKey, useInvalidateOrg, useOrg } from './use-org';

const webhookPath = (id: string) => `/settings/webhooks/${encodeURIComponent(id)}`;

export function useWebhooks() {
  const api = useApi();
  const org = useOrg();
  return useQuery({
    queryKey: orgKey(org?.organization, 'webhooks'),
    queryFn: ({ signal }) =>
      api.request(org?.orgPath('/settings/webhooks') ?? '', { schema: webhookTargetListSchema, signal }),
    enabled: org !== null,
  });
}

export function useAddWebhook() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('webhooks');
  return useMutation({
    mutationFn: (body: { url: string; format: 'generic' | 'slack' }) =>
      api.request(org?.orgPath('/settings/webhooks') ?? '', {
        method: 'POST',
        body,
        schema: createdWebhookTargetSchema,
      }),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('webhooks');
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateWebhookBody }) =>
      api.request(org?.orgPath(webhookPath(id)) ?? '', {
        method: 'PATCH',
        body,
        schema: webhookTargetSchema,
      }),
    onSuccess: invalidate,
  });
}

export function useTestWebhook() {
  const api = useApi();
  const org = useOrg();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(org?.orgPath(`${webhookPath(id)}/test`) ?? '', {
        method: 'POST',
        schema: webhookTestResultSchema,
      }),
  });
}

export function useRemoveWebhook() {
  const api = useApi();
  const org = useOrg();
  const invalidate = useInvalidateOrg('webhooks');
  return useMutation({
    mutationFn: (id: string) => api.request(org?.orgPath(webhookPath(id)) ?? '', { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
