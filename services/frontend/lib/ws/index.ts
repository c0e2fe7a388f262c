/** The backend WebSocket: the client, its provider and the hooks screens use. */
export { RunSocket, type ConnectionSnapshot, type ConnectionState, type SocketLike } from './run-socket';
export { RunSocketProvider, useConnectionState, useRunSocket } from './run-socket-provider';
export { useRunStream, type RunStream } from './use-run-stream';
export { socketProtocols, socketUrl } from './socket-address';
