function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the global setup starts the stack and sets it`);
  return value;
}

/** The addresses of the stack the global setup started. */
export const urls = {
  api: () => required('CONFIDE_E2E_API_URL'),
  firm: () => required('CONFIDE_E2E_FIRM_URL'),
  portal: () => required('CONFIDE_E2E_PORTAL_URL'),
  devMail: () => `${required('CONFIDE_E2E_API_URL')}/dev/mail`,
};
