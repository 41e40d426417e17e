import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@crm/config';
import { loadConsoleAssets } from './console-assets.js';
import { consoleAuthOrigin, consoleCsp } from './console-csp.js';

const KEY = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ CRM_MASTER_KEY: KEY, ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e;
  }
  throw new Error('expected a ConfigError');
}

describe('console configuration', () => {
  it('allows the audit app’s own origins by default', () => {
    expect(loadConfig({ CRM_MASTER_KEY: KEY, AUDIT_PORT: '4005' }).console).toEqual({ origins: ['http://127.0.0.1:4005', 'http://localhost:4005'], authUrl: null });
    expect(loadConfig({ CRM_MASTER_KEY: KEY, CONSOLE_ORIGINS: 'https://audit.example.com/, http://10.0.0.5:3005' }).console.origins).toEqual([
      'https://audit.example.com',
      'http://10.0.0.5:3005',
    ]);
  });

  it('refuses bad values naming the variable, never echoing the value', () => {
    expect(configError({ CONSOLE_ORIGINS: 'https://x.example.com/path' }).variable).toBe('CONSOLE_ORIGINS');
    expect(configError({ CONSOLE_ORIGINS: 'nonsense' }).variable).toBe('CONSOLE_ORIGINS');
    const webhook = configError({ AUDIT_ALERT_WEBHOOK_URL: 'ftp://secret-token@hooks.example.com' });
    expect(webhook.variable).toBe('AUDIT_ALERT_WEBHOOK_URL');
    expect(webhook.message).not.toContain('secret-token');
    expect(configError({ ALERT_AUTH_FAILURES: '0' }).variable).toBe('ALERT_AUTH_FAILURES');
    expect(configError({ ALERT_ERROR_RATE_PERCENT: '101' }).variable).toBe('ALERT_ERROR_RATE_PERCENT');
  });
});

describe('console CSP and auth origin', () => {
  const config = (env: Record<string, string>) => loadConfig({ CRM_MASTER_KEY: KEY, ...env });

  it('signs in at AUTH_PUBLIC_URL (default: 127.0.0.1 on AUTH_PORT) unless CONSOLE_AUTH_URL says otherwise', () => {
    expect(consoleAuthOrigin(config({ AUTH_PORT: '4001' }))).toBe('http://127.0.0.1:4001');
    expect(consoleAuthOrigin(config({ AUTH_PUBLIC_URL: 'https://auth.crm.example.com/' }))).toBe('https://auth.crm.example.com');
    expect(consoleAuthOrigin(config({ AUTH_PUBLIC_URL: 'https://a.example.com', CONSOLE_AUTH_URL: 'https://b.example.com' }))).toBe('https://b.example.com');
  });

  it('serves the console from AUDIT_PUBLIC_URL when CONSOLE_ORIGINS is not set', () => {
    expect(config({ AUDIT_PUBLIC_URL: 'https://audit.crm.example.com' }).console.origins).toEqual(['https://audit.crm.example.com']);
    expect(config({ AUDIT_PUBLIC_URL: 'https://a.example.com', CONSOLE_ORIGINS: 'https://b.example.com' }).console.origins).toEqual(['https://b.example.com']);
  });

  it('refuses public URLs that are not bare http(s) origins, naming the variable', () => {
    for (const bad of ['https://auth.example.com/login', 'ftp://auth.example.com', 'not a url', 'https://user:pw@auth.example.com']) {
      const e = configError({ AUTH_PUBLIC_URL: bad });
      expect(e.variable).toBe('AUTH_PUBLIC_URL');
      expect(e.message).not.toContain('pw@');
    }
    expect(configError({ AUDIT_PUBLIC_URL: 'https://audit.example.com/?x=1' }).variable).toBe('AUDIT_PUBLIC_URL');
  });

  it('allows scripts and styles from the app only', () => {
    const csp = consoleCsp('http://localhost:3001');
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' http://localhost:3001;");
    expect(csp).not.toContain('unsafe');
  });

  it('serves only the files of the console folder, with no inline script in the page', () => {
    const assets = loadConsoleAssets();
    expect([...assets.keys()].sort()).toEqual(expect.arrayContaining(['index.html', 'app.js', 'api.js', 'console.css']));
    const html = assets.get('index.html')!.body.toString('utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    for (const [name, asset] of assets) if (name.endsWith('.js')) expect(asset.body.toString('utf8')).not.toMatch(/localStorage\.setItem|innerHTML/);
  });
});
