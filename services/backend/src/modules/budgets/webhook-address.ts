/**
 * Where a webhook may be sent. In staging and production a target that resolves to a loopback,
 * private, link-local (cloud metadata), shared or unspecified address is refused: otherwise any
 * organization admin could make the worker POST into the hosting network (server-side request
 * forgery). Checked when a delivery runs, on every address the name resolves to. A name that
 * resolves differently between this check and the request (DNS rebinding) is not covered.
 * @module
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address belongs to the hosting side rather than the internet (IPv4-mapped IPv6 included). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) {
    return INTERNAL.check(mapped, 'ipv4');
  }
  const family = isIP(address);
  return family === 0 ? false : INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Throws when the URL's host is, or resolves to, an internal address. */
export async function assertPublicTarget(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses =
    isIP(host) === 0 ? (await lookup(host, { all: true })).map((entry) => entry.address) : [host];
  const internal = addresses.find(isInternalAddress);
  if (internal !== undefined) {
    throw new Error(`webhook target ${host} resolves to an internal address (${internal}); refused`);
  }
}
