import { describe, expect, it } from 'vitest';
import { cacheControlFor, webAppSecurityHeaders } from './web-app-headers.ts';

describe('webAppSecurityHeaders', () => {
  it('allows scripts only from the origin and sockets only to its own host', () => {
    const csp = webAppSecurityHeaders('localhost:4000')['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("connect-src 'self' ws://localhost:4000 wss://localhost:4000");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(webAppSecurityHeaders(undefined)['x-content-type-options']).toBe('nosniff');
  });

  it('drops a Host header that tries to add sources or directives', () => {
    const csp = webAppSecurityHeaders("evil.example; script-src 'unsafe-inline'")['content-security-policy'];
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toContain('evil');
  });
});

describe('cacheControlFor', () => {
  it('keeps hashed assets for a year and never stores index.html', () => {
    expect(cacheControlFor('/assets/index-DlaHyKLl.js')).toContain('immutable');
    expect(cacheControlFor('/index.html')).toBe('no-store');
    expect(cacheControlFor('/favicon.svg')).toContain('must-revalidate');
  });
});
