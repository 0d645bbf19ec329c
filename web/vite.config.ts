import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// During `npm run dev`, API calls go to a locally running `enishi serve`
// (ENISHI_DEV_API, default http://127.0.0.1:8080), so the page and the API
// share one origin as they do in production.
const apiTarget = process.env.ENISHI_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
