/** Where the Confide server lives: `VITE_CONFIDE_API_URL` at build time, else the local dev server. */
export const API_URL: string = import.meta.env.VITE_CONFIDE_API_URL ?? 'http://localhost:8787';

/** The reference server's dev mail page: the e-mails clients and members received. */
export const DEV_MAIL_URL = `${API_URL}/dev/mail`;
