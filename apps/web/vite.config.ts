import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.ASSAY_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': api, '/health': api },
  },
  worker: { format: 'es' },
  build: { sourcemap: false, chunkSizeWarningLimit: 800 },
});
