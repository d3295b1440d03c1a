import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the dev server sends /graphql and the document links (the API, started separately). */
const apiUrl = process.env.EPAIRS_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  // Served by the API at the site's root (packages/api/src/web-apps.ts).
  base: '/',
  plugins: [react()],
  resolve: {
    // The shared rules as TypeScript sources, bundled as ES modules (the package's dist is
    // CommonJS, built for the API).
    alias: {
      '@epairs/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  server: {
    port: Number(process.env.PORTAL_DEV_PORT ?? 5174),
    proxy: {
      '/graphql': apiUrl,
      '/files': apiUrl,
      '/verify': apiUrl,
      '/rsvp': apiUrl,
      '/admin': apiUrl,
      '/healthz': apiUrl,
    },
  },
  build: {
    outDir: 'dist',
    // Maps for debugging, not referenced from the served files.
    sourcemap: 'hidden',
    // The portal's budget: docs/member-portal.md, checked by e2e/scenarios/bundle-budget.mjs.
    manifest: true,
    chunkSizeWarningLimit: 400,
  },
});
