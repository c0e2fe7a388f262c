/**
 * The only module in the repository that reads `process.env`. Everything else receives values
 * through an IsolatedEnvironment, so tests can run with their own isolated values.
 */
export function snapshotProcessEnvironment(): Record<string, string> {
  const snapshot: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined) {
      snapshot[name] = value;
    }
  }
  return snapshot;
}
