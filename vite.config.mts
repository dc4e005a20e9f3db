import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is plain static files: loaded from file:// by Electron and served by the
// browser bridge, so every URL in the build is relative.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: true,
  },
});
