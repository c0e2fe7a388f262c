/**
 * The reports feature: the `/reports` list and `/reports/[id]` page, and the report view the chat
 * shows for a run's final report (`ReportTabs`).
 */
export { ReportTabs, REPORT_TAB_IDS, type ReportTabId, type ReportTabsProps } from './components/report-tabs';
