export { startServiceProcess, type RunningService, type StartServiceOptions } from './service-process.js';
