import { describe, expect, it } from '@jest/globals';
import { loadConsoleAssets } from './console-assets.js';
import { consoleAuthOrigin, consoleCsp } from './console-csp.js';

describe('console CSP and auth origin', () => {
  const c = { authUrl: null };

  it('signs in on the page’s own host name on AUTH_PORT unless CONSOLE_AUTH_URL says otherwise', () => {
    expect(consoleAuthOrigin(c, 3001, 'http', 'localhost')).toBe('http://localhost:3001');
    expect(consoleAuthOrigin(c, 3001, 'https', 'crm.example.com')).toBe('https://crm.example.com:3001');
    expect(consoleAuthOrigin({ ...c, authUrl: 'https://auth.example.com' }, 3001, 'http', 'x')).toBe('https://auth.example.com');
  });

  it('never lets a forged Host header into the policy', () => {
    for (const host of ["evil.com; script-src 'unsafe-inline'", 'a b', 'x:1', '', undefined]) {
      expect(consoleAuthOrigin(c, 3001, 'http', host)).toBe('http://127.0.0.1:3001');
    }
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
