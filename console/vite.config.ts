import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The console builds to `console/dist`: what `npm start` serves and the stateless stack deploys. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the bucket: the sources are in the repository.
    sourcemap: false,
  },
  server: { fs: { allow: ['..'] } },
});
