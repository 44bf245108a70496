import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const FIRST_LOAD_JS_BUDGET_KB = 150;

/** Reports the first-load JavaScript (entry chunks and their static imports, gzipped) on every build; over budget fails it. */
function firstLoadBudget(): Plugin {
  return {
    name: 'miyu-first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        initial.add(name);
        for (const imported of chunks.find((chunk) => chunk.fileName === name)?.imports ?? []) visit(imported);
      };
      for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
      const kb =
        chunks.filter((chunk) => initial.has(chunk.fileName)).reduce((sum, chunk) => sum + gzipSync(chunk.code).length, 0) / 1024;
      const line = `first-load JavaScript ${kb.toFixed(1)} KB gzipped (budget ${FIRST_LOAD_JS_BUDGET_KB} KB)`;
      if (kb > FIRST_LOAD_JS_BUDGET_KB) this.error(`${line}: over budget`);
      console.log(line);
    },
  };
}

// `npm run dev`: Vite on :5173 proxying the API (HTTP and graphql-ws) to a router on :4000.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [firstLoadBudget()],
  build: {
    target: 'es2022',
    // the router serves dist/ with the CSP; no inline scripts, so no modulepreload polyfill
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
});
