'use client';
/**
 * A report's recommendations (one per opportunity) and marking one applied or dismissed. The change
 * shows at once (optimistic), is replaced by the server's answer (with realized savings for an
 * applied one), and is rolled back with the error when the server refuses it.
 * @module
 */
import {
  pageSchema,
  recommendationSchema,
  type Recommendation,
  type UpdateRecommendationBody,
} from '@netra/shared/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, type ApiClient } from '@/lib/api';
import { replaceRecommendation, withChange } from '../lib/recommendation-change';
import { reportKeys } from '../lib/query-keys';

const recommendationPage = pageSchema(recommendationSchema);
/** The API's largest page; a report rarely has more opportunities, the loop covers it if it does. */
const PAGE_LIMIT = 100;

async function fetchAll(api: ApiClient, orgId: string, reportId: string): Promise<Recommendation[]> {
  const items: Recommendation[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.request(`/api/v1/orgs/${orgId}/recommendations`, {
      query: { report_id: reportId, limit: PAGE_LIMIT, cursor },
      schema: recommendationPage,
    });
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}

/** The recommendations of one stored report; disabled without a report id (an unsaved report). */
export function useReportRecommendations(orgId: string, reportId: string | null | undefined) {
  const api = useApi();
  const id = reportId ?? '';
  return useQuery({
    queryKey: reportKeys.recommendations(orgId, id),
    queryFn: () => fetchAll(api, orgId, id),
    enabled: id !== '',
  });
}

interface ChangeInput {
  id: string;
  body: UpdateRecommendationBody;
}

/** Marks a recommendation; optimistic, rolled back on error (the mutation's `error` says why). */
export function useUpdateRecommendation(orgId: string, reportId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const key = reportKeys.recommendations(orgId, reportId);
  return useMutation({
    mutationFn: ({ id, body }: ChangeInput) =>
      api.request(`/api/v1/orgs/${orgId}/recommendations/${id}`, {
        method: 'PATCH',
        body,
        schema: recommendationSchema,
      }),
    onMutate: async ({ id, body }: ChangeInput) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Recommendation[]>(key);
      queryClient.setQueryData<Recommendation[]>(key, (list) =>
        replaceRecommendation(list ?? [], id, (item) => withChange(item, body, new Date())),
      );
      return { previous };
    },
    onError: (_error, _input, context) => {
      queryClient.setQueryData(key, context?.previous);
      // A refused change (409: changed meanwhile) means the list may be stale: read it again.
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<Recommendation[]>(key, (list) =>
        replaceRecommendation(list ?? [], saved.id, () => saved),
      );
    },
  });
}
