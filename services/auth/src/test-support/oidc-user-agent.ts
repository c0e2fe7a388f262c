interface StoredCookie {
  value: string;
  path: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_STEPS = 12;

/**
 * A minimal browser for a provider's login pages: keeps cookies (by name and path, one origin),
 * never follows redirects by itself, and fills in oidc-provider's development login and consent
 * forms. No JavaScript, no real browser needed.
 */
export class TestUserAgent {
  private readonly jar = new Map<string, StoredCookie>();

  /** Sends a request with the cookies that apply and stores the ones the response sets. */
  async request(url: URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(url) };
    if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const body = init.form === undefined ? undefined : new URLSearchParams(init.form).toString();
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      this.store(line);
    }
    return response;
  }

  /**
   * Walks the provider from `start` until it redirects to `callbackPrefix`, signing in as `login`
   * and consenting on the way; returns that callback URL (code, state and iss in its query).
   * With `abort`, the person cancels at the first form instead.
   */
  async authorize(start: URL, callbackPrefix: string, login: string, abort = false): Promise<URL> {
    let next = start;
    for (let step = 0; step < MAX_STEPS; step += 1) {
      if (next.href.startsWith(callbackPrefix)) {
        return next;
      }
      const response = await this.request(next);
      if (REDIRECTS.has(response.status)) {
        next = new URL(response.headers.get('location') ?? '', next);
        continue;
      }
      next = await this.submitForm(next, await response.text(), login, abort);
    }
    throw new Error(`the provider did not redirect to ${callbackPrefix} within ${MAX_STEPS} steps`);
  }

  private async submitForm(page: URL, html: string, login: string, abort: boolean): Promise<URL> {
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (prompt === undefined) {
      throw new Error(`unexpected provider page at ${page.href}: ${html.slice(0, 300)}`);
    }
    const response = abort
      ? await this.request(new URL(`${page.pathname}/abort`, page))
      : await this.request(page, {
          method: 'POST',
          form: prompt === 'login' ? { prompt, login, password: 'x' } : { prompt },
        });
    const location = response.headers.get('location');
    if (location === null) {
      throw new Error(`the ${prompt} form at ${page.href} answered ${response.status} without a redirect`);
    }
    return new URL(location, page);
  }

  private cookieHeader(url: URL): string {
    return [...this.jar]
      .filter(([, cookie]) => url.pathname.startsWith(cookie.path))
      .map(([key, cookie]) => `${key.split('\n')[0] ?? ''}=${cookie.value}`)
      .join('; ');
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const split = pair.indexOf('=');
    const name = pair.slice(0, split);
    const value = pair.slice(split + 1);
    const path = attributes.find((item) => item.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
    const expired = attributes.some((item) => /^expires=.*1970/i.test(item) || /^max-age=0$/i.test(item));
    const key = `${name}\n${path}`;
    if (expired || value === '') {
      this.jar.delete(key);
    } else {
      this.jar.set(key, { value, path });
    }
  }
}
