import { createConnection } from 'node:net';

/** Whether something accepts TCP connections on 127.0.0.1:`port` (a server of the test's own coming up). */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => {
      resolve(false);
    });
  });
}
