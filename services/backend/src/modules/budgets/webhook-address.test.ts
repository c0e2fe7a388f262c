import { describe, expect, it } from 'vitest';
import { assertPublicTarget, isInternalAddress } from './webhook-address.js';
import { sendWebhook } from './webhook-sender.js';

describe('webhook target addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('treats %s as internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'treats %s as public',
    (address) => {
      expect(isInternalAddress(address)).toBe(false);
    },
  );

  it('refuses URLs whose host is or resolves to an internal address', async () => {
    await expect(assertPublicTarget('http://127.0.0.1:8080/hook')).rejects.toThrow(
      /internal address \(127\.0\.0\.1\)/,
    );
    await expect(assertPublicTarget('http://[::1]/hook')).rejects.toThrow(/internal address/);
    await expect(assertPublicTarget('http://localhost/hook')).rejects.toThrow(/internal address/);
    await expect(assertPublicTarget('https://8.8.8.8/hook')).resolves.toBeUndefined();
  });

  it('sends nothing to an internal target unless allowed (development and tests)', async () => {
    const target = { url: 'http://169.254.169.254/latest/meta-data', secret: 'x'.repeat(16) };
    await expect(sendWebhook(target, 'alert', '{}', { allowInternalTargets: false })).rejects.toThrow(
      /internal address \(169\.254\.169\.254\)/,
    );
  });
});
