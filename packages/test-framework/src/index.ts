/**
 * @netra/test-framework: the unified test runner, architecture compliance, per-run store
 * isolation and the benchmark dispatcher. Test helpers live in `@netra/test-framework/stores` and
 * `@netra/test-framework/docs`.
 * @module
 */
export {
  LEVELS,
  SERVICE_PATHS,
  parseRunArgs,
  RunArgsError,
  type Level,
  type RunOptions,
  type ServiceName,
} from '#runner/args.js';
export { finalLine, type Counts, type LevelResult, type LevelStatus } from '#runner/counts.js';
export { runTests, type RunnerContext, type RunSummary } from '#runner/run.js';
export { findRepoRoot } from '#runner/root.js';
export { checkCompliance, type ComplianceOptions } from '#compliance/check.js';
export { formatComplianceReport } from '#compliance/report.js';
export { RULES, type ComplianceReport, type Finding, type RuleId, type Severity } from '#compliance/types.js';
export {
  prepareTestStores,
  type PreparedStores,
  type StoreMode,
  type TestStores,
} from '#setup/test-stores.js';
export { isTestDatabaseName, TestStoreRefusedError } from '#setup/test-database.js';
export { discoverBenches, type Bench } from '#bench/discover.js';
