/**
 * Report fixtures for tests outside the reports module (the platform's authorization matrix may not
 * import a module itself): a run's stored report and the matrix rows of the report routes.
 * @module
 */
export {
  newTestRun,
  reportDraftOf,
  reportMatrixRows,
  savedTestReport,
} from '#modules/reports/report-fixtures.js';
