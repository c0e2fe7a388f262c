'use client';
/**
 * The report view shared by the report page and the chat's final answer: tabs Overview / Data /
 * Optimizations / Action Plan / Metrics over one analysis report. Given the run report's extras
 * (summary, action plan, findings) it shows them; given the stored report's id it also shows and
 * changes each opportunity's recommendation state. When the page is printed every tab is laid out
 * one after the other, so the PDF holds the whole report.
 * @module
 */
import type { ActionPlan, AnalysisReport, DataFindings, ReportSummary } from '@netra/shared/contracts';
import { useState, type ReactNode } from 'react';
import { Tabs, type TabItem } from '@/components/ui';
import { usePrinting } from '../hooks/use-printing';
import { ActionPlanPanel } from './action-plan-panel';
import { DataPanel } from './data-panel';
import { MetricsPanel } from './metrics-panel';
import { OptimizationsPanel } from './optimizations-panel';
import { OverviewPanel } from './overview-panel';
import styles from './reports.module.css';

export interface ReportTabsProps {
  /** The engine's §4.2 report (the run report's `analysis`, or the `final_report` event's `report`). */
  report: AnalysisReport;
  orgId: string;
  /** The stored report's id: enables applied / dismissed marking of its recommendations. */
  reportId?: string | null | undefined;
  /** The run report's executive summary (headline, ROI, payback); derived from the plan without it. */
  summary?: ReportSummary | null | undefined;
  /** The Actions agent's plan; without it the steps come from the plan's opportunities. */
  actionPlan?: ActionPlan | null | undefined;
  /** The Data agent's profile, added to the Metrics tab. */
  findings?: DataFindings | null | undefined;
  /** Names the tab list (e.g. the report's title); "Report sections" by default. */
  label?: string | undefined;
}

export const REPORT_TAB_IDS = ['overview', 'data', 'optimizations', 'action-plan', 'metrics'] as const;
export type ReportTabId = (typeof REPORT_TAB_IDS)[number];

const TAB_LABELS: Record<ReportTabId, string> = {
  overview: 'Overview',
  data: 'Data',
  optimizations: 'Optimizations',
  'action-plan': 'Action Plan',
  metrics: 'Metrics',
};

function panels(props: ReportTabsProps): Record<ReportTabId, ReactNode> {
  return {
    overview: <OverviewPanel report={props.report} summary={props.summary} />,
    data: <DataPanel report={props.report} />,
    optimizations: <OptimizationsPanel report={props.report} orgId={props.orgId} reportId={props.reportId} />,
    'action-plan': <ActionPlanPanel report={props.report} actionPlan={props.actionPlan} />,
    metrics: <MetricsPanel report={props.report} summary={props.summary} findings={props.findings} />,
  };
}

/** Every section one after the other, each under its heading (what print and PDF show). */
function PrintedSections({ content }: { content: Record<ReportTabId, ReactNode> }) {
  return (
    <div>
      {REPORT_TAB_IDS.map((id) => (
        <section key={id} className={styles.printSection} aria-label={TAB_LABELS[id]}>
          <h2 className={styles.sectionTitle}>{TAB_LABELS[id]}</h2>
          {content[id]}
        </section>
      ))}
    </div>
  );
}

/** The report's five tabs; arrow keys, Home and End move between them. */
export function ReportTabs(props: ReportTabsProps) {
  const [tab, setTab] = useState<string>('overview');
  const printing = usePrinting();
  const content = panels(props);
  if (printing) {
    return <PrintedSections content={content} />;
  }
  const items: TabItem[] = REPORT_TAB_IDS.map((id) => ({ id, label: TAB_LABELS[id], content: content[id] }));
  return (
    <div data-testid="report-tabs">
      <Tabs label={props.label ?? 'Report sections'} items={items} value={tab} onChange={setTab} />
    </div>
  );
}
