'use client';

import type { AnalysisReport } from '@netra/shared/contracts';
import { Alert, EmptyState, Spinner } from '@/components/ui';
import { useReportRecommendations } from '../hooks/use-recommendations';
import { rankedOpportunities } from '../lib/opportunities';
import { byOpportunity } from '../lib/recommendation-change';
import { OpportunityCard } from './opportunity-card';
import styles from './reports.module.css';

function RecommendationsStatus(props: { loading: boolean; error: Error | null }) {
  if (props.loading) {
    return <Spinner label="Loading recommendation states" />;
  }
  return props.error === null ? null : (
    <Alert tone="bad" title="Recommendation states could not be loaded">
      {props.error.message}
    </Alert>
  );
}

/** Optimizations: a card per opportunity, with its recommendation state when the report is stored. */
export function OptimizationsPanel(props: {
  report: AnalysisReport;
  orgId: string;
  reportId?: string | null | undefined;
}) {
  const recommendations = useReportRecommendations(props.orgId, props.reportId);
  const ranked = rankedOpportunities(props.report);
  if (ranked.length === 0) {
    return (
      <EmptyState
        title="No savings opportunity found"
        description="The analyzed usage shows no change that would save money; send more usage (or more days of it) and ask again."
      />
    );
  }
  const recommendationOf = byOpportunity(recommendations.data ?? []);
  return (
    <div className={styles.stack}>
      <RecommendationsStatus loading={recommendations.isLoading} error={recommendations.error} />
      {ranked.map((item) => (
        <OpportunityCard
          key={item.opportunity.id}
          opportunity={item.opportunity}
          proven={item.proven}
          inPlan={item.inPlan}
          orgId={props.orgId}
          reportId={props.reportId}
          recommendation={recommendationOf.get(item.opportunity.id)}
        />
      ))}
    </div>
  );
}
