import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding, as OAuth 1.0a signs with. */
const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

export interface OAuth1Secrets {
  consumerKey: string;
  consumerSecret: string;
  token: string;
  tokenSecret: string;
}

/** The parameters of an `Authorization: OAuth k="v", …` header, or undefined when it is not one. */
export function parseOAuthHeader(header: string | undefined): Map<string, string> | undefined {
  if (!header?.startsWith('OAuth ')) return undefined;
  const params = new Map<string, string>();
  for (const match of header.slice(6).matchAll(/([\w-]+)="([^"]*)"/gu))
    params.set(decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? ''));
  return params;
}

/**
 * Checks an OAuth 1.0a (HMAC-SHA1) user-context signature the way X does: the method, the URL
 * without its query, and every query and oauth_ parameter sorted (a JSON body is not signed).
 */
export function verifyOAuth1(method: string, url: URL, header: string | undefined, secrets: OAuth1Secrets): string | undefined {
  const oauth = parseOAuthHeader(header);
  if (!oauth) return 'missing OAuth 1.0a Authorization header';
  if (oauth.get('oauth_consumer_key') !== secrets.consumerKey) return 'unknown consumer key';
  if (oauth.get('oauth_token') !== secrets.token) return 'unknown access token';
  if (oauth.get('oauth_signature_method') !== 'HMAC-SHA1') return 'unsupported signature method';
  const signature = oauth.get('oauth_signature') ?? '';
  const pairs: [string, string][] = [...url.searchParams.entries()];
  for (const [key, value] of oauth) if (key !== 'oauth_signature' && key !== 'realm') pairs.push([key, value]);
  const normalized = pairs
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const base = [method.toUpperCase(), encode(`${url.origin}${url.pathname}`), encode(normalized)].join('&');
  const expected = createHmac('sha1', `${encode(secrets.consumerSecret)}&${encode(secrets.tokenSecret)}`)
    .update(base)
    .digest('base64');
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b) ? undefined : 'bad OAuth 1.0a signature';
}
