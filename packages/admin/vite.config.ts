import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where the dev server sends /graphql and the document links (the API, started separately). */
const apiUrl = process.env.EPAIRS_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  // Served by the API under /admin (packages/api/src/admin-console.ts).
  base: '/admin/',
  plugins: [react()],
  resolve: {
    // The shared rules are TypeScript sources here: vite bundles them as ES modules (the package's
    // dist is CommonJS, built for the API).
    alias: {
      '@epairs/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  server: {
    port: Number(process.env.ADMIN_DEV_PORT ?? 5173),
    proxy: {
      '/graphql': apiUrl,
      '/files': apiUrl,
      '/verify': apiUrl,
      '/healthz': apiUrl,
    },
  },
  build: {
    outDir: 'dist',
    // Maps for debugging, not referenced from the served files.
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 1500,
  },
});
