/**
 * @netra/deploy: `npm run deploy` to Google Cloud Run with pre-deployment validation.
 * @module
 */
export { runDeploy, type DeployDependencies } from './run.js';
export { parseDeployOptions, environmentOfProject, OptionsError, type DeployOptions } from './options.js';
export { DEPLOYED_SERVICES, SPEC_NAMES, type ServiceSpecs } from './services.js';
export { parseSettings, loadSettings, type DeploySettings } from './settings.js';
export { buildPlan, type DeployPlan } from './plan.js';
export { deployCommands, type Command } from './commands.js';
export { validateDeployment, type ValidationResult } from '#validate/index.js';
