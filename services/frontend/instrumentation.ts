/**
 * Next calls `register` once when a server starts. On the Node.js runtime it validates the
 * configuration and stops the process, after printing every problem, when it is invalid.
 */
export async function register(): Promise<void> {
  // The frontend's one process.env read, and it is not configuration: Next replaces NEXT_RUNTIME
  // with a constant in each compiled bundle, and only this exact expression makes Turbopack leave
  // the Node-only import out of the edge bundle it always compiles (`typeof EdgeRuntime` does not).
  // eslint-disable-next-line no-restricted-syntax -- build-time constant, see above
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { validateConfigOrExit } = await import('@/lib/server/validate-at-start');
    validateConfigOrExit();
  }
}
