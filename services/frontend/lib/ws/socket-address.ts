/**
 * How a browser addresses the backend's `/ws` (ARCHITECTURE §4.3): the URL with `?org_id=`, and the
 * token carried as a subprotocol (`["jwt-auth", "jwt.<base64url(token)>"]`) because a browser
 * cannot set an Authorization header on a WebSocket. The server echoes `jwt-auth`, never the token.
 * @module
 */

/** `ws(s)://<backend>/ws?org_id=<id>`, keeping any path prefix of the backend URL. */
export function socketUrl(backendUrl: string, organizationId: string): string {
  const url = new URL(`${backendUrl.replace(/\/+$/, '')}/ws`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('org_id', organizationId);
  return url.href;
}

/** base64url without padding of the UTF-8 bytes of `text`. */
export function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The subprotocols that authenticate a connection with `token`. */
export function socketProtocols(token: string): string[] {
  return ['jwt-auth', `jwt.${base64Url(token)}`];
}
