/**
 * `npm run auth:keys -- rotate` rotates the development signing keys in NETRA_DATA_DIR;
 * `npm run auth:keys -- generate [previous.json]` prints a new AUTH_SIGNING_KEYS value for a
 * deployment, keeping the current key of `previous.json` (the old value) as the previous key.
 */
import { readFileSync } from 'node:fs';
import { IsolatedEnvironment } from '@netra/shared/server';
import { runMain } from '@netra/shared/http';
import { loadAuthConfig } from '#config.js';
import { devKeyFile, generateKeySet, rotateDevKeys } from '#modules/keys/signing-keys.js';

async function main(): Promise<void> {
  const [command, previousFile] = process.argv.slice(2);
  if (command === 'rotate') {
    const config = loadAuthConfig(IsolatedEnvironment.fromProcess());
    const file = devKeyFile(config.values.NETRA_DATA_DIR);
    const ring = await rotateDevKeys(file);
    process.stdout.write(
      `rotated ${file}: current ${ring.current.kid}, previous ${ring.previous?.kid ?? 'none'}\n`,
    );
    return;
  }
  if (command === 'generate') {
    const previous = previousFile === undefined ? undefined : readFileSync(previousFile, 'utf8');
    process.stdout.write(`${await generateKeySet(previous)}\n`);
    return;
  }
  process.stderr.write('usage: npm run auth:keys -- rotate | generate [previous-keys.json]\n');
  process.exitCode = 2;
}

runMain('auth keys', main);
