import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cacheControlFor, webAppSecurityHeaders } from './web-app-headers.ts';

/** Where `npm install` (clients/web's postinstall) builds the app. */
export const DEFAULT_WEB_APP_DIR = fileURLToPath(new URL('../../../clients/web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer | undefined;
  etag: string;
}

/**
 * Serves the built web app: GET/HEAD of `/` and its files, with the security headers and cache
 * rules; paths without a file extension get index.html (the app routes on the client). Returns
 * false for requests it does not serve, so the router answers them as before.
 */
export function createWebAppHandler(options: { root?: string } = {}) {
  const root = normalize(options.root ?? DEFAULT_WEB_APP_DIR);
  const cache = new Map<string, CachedFile>();

  const load = async (file: string): Promise<CachedFile | undefined> => {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(file);
    const entry: CachedFile = {
      mtimeMs: info.mtimeMs,
      body,
      gzip: COMPRESSIBLE.has(extname(file)) && body.length > 1024 ? gzipSync(body) : undefined,
      etag: `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`,
    };
    cache.set(file, entry);
    return entry;
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    if (path.includes('\0')) return false;
    const isAppRoute = extname(path) === '';
    const servedPath = isAppRoute ? '/index.html' : path;
    const file = normalize(join(root, servedPath));
    if (!file.startsWith(root + sep)) return false;
    const entry = await load(file);
    const headers = webAppSecurityHeaders(req.headers.host);
    if (!entry) {
      if (!isAppRoute) return false;
      res
        .writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end('The MIYU web app is not built yet: run `npm run build -w @miyu/web` (npm install does it too).\n');
      return true;
    }
    const common = {
      ...headers,
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControlFor(servedPath),
      etag: entry.etag,
      vary: 'accept-encoding',
    };
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, common).end();
      return true;
    }
    const gzip = entry.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? entry.gzip : undefined;
    const body = gzip ?? entry.body;
    res.writeHead(200, { ...common, 'content-length': body.length, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
