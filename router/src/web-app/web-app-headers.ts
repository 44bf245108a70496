/**
 * The headers every response of the web app carries. The CSP allows scripts, styles, images and
 * connections only from this origin (plus its WebSocket twin for graphql-ws): no inline script,
 * no eval, no CDN; the page cannot be framed.
 */
export function webAppSecurityHeaders(host: string | undefined): Record<string, string> {
  // Host comes from the client: keep only characters a host[:port] can have, so it cannot inject directives
  const safeHost = host && /^[a-z0-9.:[\]-]+$/i.test(host) ? host : undefined;
  const sockets = safeHost ? ` ws://${safeHost} wss://${safeHost}` : '';
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}

/** Hashed assets never change under their name; everything else is revalidated or not stored. */
export function cacheControlFor(path: string): string {
  if (/^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path)) return 'public, max-age=31536000, immutable';
  if (path === '/index.html') return 'no-store';
  return 'public, max-age=0, must-revalidate';
}
