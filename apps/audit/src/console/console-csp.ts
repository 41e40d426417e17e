import type { ConsoleConfig } from '../audit.config.js';

const HOST = /^(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}$|^\[[0-9A-Fa-f:.]{2,45}\]$/;

/**
 * Where the console signs in: CONSOLE_AUTH_URL, else the host name the page was loaded from on
 * AUTH_PORT (so one setting serves 127.0.0.1, localhost and a real host name). A Host header that
 * is not a plain host name falls back to 127.0.0.1.
 */
export function consoleAuthOrigin(c: ConsoleConfig, authPort: number, protocol: string, hostname: string | undefined): string {
  if (c.authUrl) return c.authUrl;
  const host = hostname && HOST.test(hostname) ? hostname : '127.0.0.1';
  return `${protocol === 'https' ? 'https' : 'http'}://${host}:${authPort}`;
}

/** No inline script or style, nothing from elsewhere but the sign-in call to auth. */
export function consoleCsp(authOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${authOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
