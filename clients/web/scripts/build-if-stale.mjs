// Builds the web app when dist/ is missing or older than its sources. Runs on `npm install`
// (postinstall, under whatever Node npm runs: plain JS on purpose) and before the browser tests.
// On install a failed build only warns, so an install never fails because of the app;
// `--strict` (tests, CI) exits non-zero instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const strict = process.argv.includes('--strict');
const stamp = join(root, 'dist', '.build-stamp');
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', '../sdk/src'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sourcesChanged = Math.max(...inputs.map((input) => newest(join(root, input))));
const built = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8')) : 0;
if (built >= sourcesChanged && existsSync(join(root, 'dist', 'index.html'))) process.exit(0);

let vite;
try {
  vite = join(dirname(createRequire(join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
} catch {
  console.warn('miyu web: vite is not installed yet; the app will be built on the next install or test run');
  process.exit(strict ? 1 : 0);
}
const startedAt = Date.now();
console.log('miyu web: building the app (clients/web/dist)…');
const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.warn('miyu web: the build failed; `npm run build -w @miyu/web` shows why');
  process.exit(strict ? 1 : 0);
}
writeFileSync(stamp, String(startedAt));
