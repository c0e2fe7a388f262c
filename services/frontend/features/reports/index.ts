/**
 * The reports feature: the `/reports` list and `/reports/[id]` page, and the report view the chat
 * shows for a run's final report (`ReportTabs`, with `SavingsWaterfall` beside it if wanted).
 */
export { ReportTabs, REPORT_TAB_IDS, type ReportTabId, type ReportTabsProps } from './components/report-tabs';
export { SavingsWaterfall } from './components/savings-waterfall';
export { ReportsScreen } from './components/reports-screen';
export { ReportScreen } from './components/report-screen';
