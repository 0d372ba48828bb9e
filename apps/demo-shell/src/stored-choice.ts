/**
 * Who is signed in, remembered per browser tab (sessionStorage) so that a reload keeps the person and two tabs
 * can be two different people. Only the e-mail address is stored, never a token.
 */
export function storedChoice(key: string) {
  return {
    read(): string | null {
      try {
        return globalThis.sessionStorage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    write(email: string | null): void {
      try {
        if (email === null) globalThis.sessionStorage?.removeItem(key);
        else globalThis.sessionStorage?.setItem(key, email);
      } catch {
        // Storage can be disabled (private modes); the choice then lasts until the reload.
      }
    },
  };
}
