import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@crm/config';
import { loadAuditConfig } from '../audit.config.js';
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

describe('console CSP and auth origin', () => {
  /** The sign-in target from both parts it comes from: AUTH_PUBLIC_URL (platform), CONSOLE_AUTH_URL (audit). */
  const authOrigin = (env: Record<string, string>) => {
    const all = { CRM_MASTER_KEY: KEY, ...env };
    return consoleAuthOrigin(loadAuditConfig(all, loadConfig(all)).console, loadConfig(all).publicUrls);
  };

  it('signs in at AUTH_PUBLIC_URL (default: 127.0.0.1 on AUTH_PORT) unless CONSOLE_AUTH_URL says otherwise', () => {
    expect(authOrigin({ AUTH_PORT: '4001' })).toBe('http://127.0.0.1:4001');
    expect(authOrigin({ AUTH_PUBLIC_URL: 'https://auth.crm.example.com/' })).toBe('https://auth.crm.example.com');
    expect(authOrigin({ AUTH_PUBLIC_URL: 'https://a.example.com', CONSOLE_AUTH_URL: 'https://b.example.com' })).toBe(
      'https://b.example.com',
    );
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
    expect([...assets.keys()].sort()).toEqual(
      expect.arrayContaining(['index.html', 'app.js', 'api.js', 'console.css', 'favicon.svg', 'favicon.ico']),
    );
    expect(assets.get('favicon.ico')!.contentType).toBe('image/x-icon');
    const html = assets.get('index.html')!.body.toString('utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    for (const [name, asset] of assets)
      if (name.endsWith('.js')) expect(asset.body.toString('utf8')).not.toMatch(/localStorage\.setItem|innerHTML/);
  });
});
