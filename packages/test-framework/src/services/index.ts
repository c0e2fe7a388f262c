export { freePort } from './free-port.js';
export { startServiceProcess, type RunningService, type StartServiceOptions } from './service-process.js';
