/**
 * @netra/dev-launcher: the `npm start` launcher as a library, so tests and tools can run it with
 * their own services, and can read its service-discovery file.
 */
export { runLauncher, prepareLaunch, type LauncherOptions, type LaunchSetup } from './launcher/launcher.js';
export { launcherConfigSpec, loadLauncherConfig, type LauncherConfig } from './config/launcher-config.js';
export { netraServices, READINESS_PATH } from './services/netra-services.js';
export {
  STORE_VARIABLES,
  type CommandContext,
  type ProcessCommand,
  type ServiceDefinition,
  type StoreVariable,
} from './services/service-definition.js';
export { planServices, type PlanInput, type ServicePlan } from './services/service-plan.js';
export { netraBuilds, type BuildContext } from './build/netra-builds.js';
export type { BuildStep } from './build/build-step.js';
export {
  readServicesFile,
  servicesFilePath,
  servicesFileSchema,
  serviceEntrySchema,
  type ServiceEntry,
  type ServicesFile,
} from './discovery/services-file.js';
export { isPortTaken, findFreePort, serviceUrl } from './ports/port-probe.js';
export { createTerminalOutput, type Output, type OutputStreams } from './output/output.js';
export { renderLogLine } from './output/log-line.js';
