import { spawn } from 'node:child_process';

/** Runs a Node script to completion; rejects with its output when it exits non-zero. */
export function runNodeScript(script: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve(output);
      } else {
        reject(new Error(`${script} ${args.join(' ')} exited with ${String(code)}:\n${output}`));
      }
    });
  });
}
