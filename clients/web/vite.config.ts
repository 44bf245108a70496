import { defineConfig } from 'vite';

// `npm run dev`: Vite on :5173 proxying the API (HTTP and graphql-ws) to a router on :4000.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    // the router serves dist/ with the CSP; no inline scripts, so no modulepreload polyfill
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
});
