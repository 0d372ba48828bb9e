/** Where the Confide server lives: `VITE_CONFIDE_API_URL` at build time, else the local dev server. */
export const API_URL: string = import.meta.env.VITE_CONFIDE_API_URL ?? 'http://localhost:8787';
