/**
 * The web app's first-load weight: every script and stylesheet index.html loads (and the modules
 * they preload), gzipped as the router serves them. Fails when the JavaScript is over the budget.
 * `node bench/web-bundle-size.ts` (builds the app first when it is stale).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildWebApp } from '../e2e/src/web-browser.ts';

export const FIRST_LOAD_JS_BUDGET_KB = 150;
const DIST = fileURLToPath(new URL('../clients/web/dist/', import.meta.url));

export function measureWebBundle() {
  const html = readFileSync(`${DIST}index.html`, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(js|css))"/g)].map((match) => ({
    path: match[1]!,
    kind: match[2] as 'js' | 'css',
  }));
  const files = assets.map(({ path, kind }) => {
    const body = readFileSync(DIST + path);
    return { path, kind, kb: body.length / 1024, gzipKb: gzipSync(body).length / 1024 };
  });
  const sum = (kind: string) => files.filter((file) => file.kind === kind).reduce((total, file) => total + file.gzipKb, 0);
  return { files, jsGzipKb: sum('js'), cssGzipKb: sum('css'), budgetKb: FIRST_LOAD_JS_BUDGET_KB };
}

if (import.meta.main) {
  buildWebApp();
  const result = measureWebBundle();
  for (const file of result.files)
    console.log(`${file.path.padEnd(36)} ${file.kb.toFixed(1).padStart(7)} KB  ${file.gzipKb.toFixed(1).padStart(6)} KB gzip`);
  const ok = result.jsGzipKb <= result.budgetKb;
  console.log(
    `first-load JavaScript ${result.jsGzipKb.toFixed(1)} KB gzipped (budget ${result.budgetKb} KB): ${ok ? 'ok' : 'OVER BUDGET'}`,
  );
  console.log(`first-load CSS ${result.cssGzipKb.toFixed(1)} KB gzipped`);
  process.exit(ok ? 0 : 1);
}
