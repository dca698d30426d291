/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built app at /admin; in `npm run dev` Vite serves it and forwards API calls to a running API
// (MAILROOM_API, default the quick-start address) so cookies stay same-origin.
const api = process.env.MAILROOM_API ?? 'http://127.0.0.1:5002';

export default defineConfig(({ command }) => {
  // A build is always the production build, even when started from a test run (jest sets NODE_ENV=test).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    base: '/admin/',
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
    server: {
      port: 5173,
      proxy: {
        '/admin/api': { target: api, changeOrigin: false },
        '/auth': { target: api, changeOrigin: false },
      },
    },
    test: {
      environment: 'jsdom',
      globals: true,
      setupFiles: ['./src/test/setup.ts'],
      css: false,
    },
  };
});
