import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The workspace packages are used from source (their `@confide/source` export condition), so the app runs and
// builds without building the packages first.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@confide/source', ...defaultClientConditions] },
  server: { port: 5174, strictPort: true },
  preview: { port: 5174, strictPort: true },
});
