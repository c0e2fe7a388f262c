'use client';
/**
 * One RunSocket per tab for the current organization, for every screen of the shell: opened when
 * the provider mounts, replaced when the organization changes, closed on unmount. The token comes
 * from the session; a 1008 close refreshes it through the session's single-flight refresh.
 * @module
 */
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useAuth } from '../auth/auth-provider';
import { RunSocket, type ConnectionSnapshot } from './run-socket';
import { socketUrl } from './socket-address';

const RunSocketContext = createContext<RunSocket | null>(null);

/** The socket for one organization, closed when it changes or the provider unmounts. */
function useOrganizationSocket(backendUrl: string, organizationId: string | null): RunSocket | null {
  const { session } = useAuth();
  const socket = useMemo(
    () =>
      organizationId === null
        ? null
        : new RunSocket({
            url: socketUrl(backendUrl, organizationId),
            getToken: session.accessToken,
            refreshToken: () => session.refresh(),
          }),
    [backendUrl, organizationId, session],
  );
  // Connected by the first screen that uses it (useRunSocket), not by every page of the shell;
  // a later connect() reopens a closed socket (React strict mode unmounts once in development).
  useEffect(
    () => () => {
      socket?.close();
    },
    [socket],
  );
  return socket;
}

/** `organizationId` null (not known yet, or no membership): no socket. */
export function RunSocketProvider(props: {
  backendUrl: string;
  organizationId: string | null;
  children: ReactNode;
}) {
  const socket = useOrganizationSocket(props.backendUrl, props.organizationId);
  return <RunSocketContext value={socket}>{props.children}</RunSocketContext>;
}

/** The tab's socket, connected while a screen uses it (null until the provider created it). */
export function useRunSocket(): RunSocket | null {
  const socket = useContext(RunSocketContext);
  useEffect(() => {
    socket?.connect();
  }, [socket]);
  return socket;
}

const idle: ConnectionSnapshot = { state: 'idle', attempt: 0, lastClose: null, error: null };
const noSubscription = () => () => undefined;

/** The connection state for an indicator: connecting / open / reconnecting / offline / closed. */
export function useConnectionState(): ConnectionSnapshot {
  const socket = useRunSocket();
  return useSyncExternalStore(
    socket?.subscribe ?? noSubscription,
    socket?.snapshot ?? (() => idle),
    () => idle,
  );
}
