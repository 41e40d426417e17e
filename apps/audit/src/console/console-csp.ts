import type { PublicUrlsConfig } from '@crm/config';
import type { ConsoleConfig } from '../audit.config.js';

/**
 * Where the console signs in: CONSOLE_AUTH_URL, else AUTH_PUBLIC_URL (default
 * `http://127.0.0.1:<AUTH_PORT>`). Configured, never taken from the request's Host header: a
 * forged Host would otherwise choose where operators send their passwords.
 */
export function consoleAuthOrigin(console: ConsoleConfig, publicUrls: PublicUrlsConfig): string {
  return console.authUrl ?? publicUrls.auth;
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
