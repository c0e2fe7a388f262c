import { findFreePort, isPortTaken } from './port-probe.js';

/** A service's wish for a port; 0 means any. */
export interface PortRequest {
  name: string;
  preferredPort: number;
}

/** The port a service gets, and whether it differs from the one it asked for. */
export interface PortChoice extends PortRequest {
  port: number;
  moved: boolean;
}

/**
 * Chooses a port per request, in order: the preferred one when it is free, else one the OS
 * hands out. No two requests get the same port.
 */
export async function choosePorts(requests: readonly PortRequest[], host: string): Promise<PortChoice[]> {
  const reserved = new Set<number>();
  const choices: PortChoice[] = [];
  for (const request of requests) {
    const port = await choosePort(request.preferredPort, host, reserved);
    reserved.add(port);
    choices.push({ ...request, port, moved: port !== request.preferredPort });
  }
  return choices;
}

async function choosePort(preferred: number, host: string, reserved: ReadonlySet<number>): Promise<number> {
  if (preferred !== 0 && !reserved.has(preferred) && !(await isPortTaken(preferred, host))) {
    return preferred;
  }
  return findFreePort(host, reserved);
}
