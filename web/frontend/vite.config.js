// Builds the UI into the Python package so `diplograph serve` can ship it (that folder is gitignored).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../src/diplograph/web/static/', import.meta.url)),
    emptyOutDir: true,
    // cytoscape alone is ~450 kB; the warning would fire on every build without telling anything new.
    chunkSizeWarningLimit: 1200,
    // The server's CSP allows only same-origin scripts, so nothing may be inlined as a data: URL.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` talks to a `diplograph serve` running on the default port.
    proxy: { '/api': 'http://127.0.0.1:8000' },
  },
});
