import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
// TANDEM_WEB_DIST lets parallel work (and its browser tests) build into a folder of its own.
const outDir = process.env.TANDEM_WEB_DIST ?? fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * The web app. Vite's own esbuild compiles JSX (no React plugin: no Fast Refresh, one dependency
 * fewer). The production page must run under the server's CSP (script-src 'self'), so nothing may
 * be inlined into index.html.
 */
export default defineConfig({
  root,
  publicDir: false,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir,
    emptyOutDir: true,
    // The modulepreload polyfill is bundled into the entry, never inlined; assets stay files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // antd's modules start with "use client" (for React Server Components); meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // Long-lived vendor chunks. antd is left to Rollup, so that components only the lazy admin
        // pages use are loaded with them and not on every first visit.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          if (/node_modules\/(i18next|react-i18next|@tanstack)\//.test(id)) return 'libs';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
