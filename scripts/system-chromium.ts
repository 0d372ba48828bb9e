/**
 * The browser every browser-driven check here uses (story tests, end-to-end tests, the render benchmark):
 * Debian's Chromium, because browser downloads do not work on our machines. `.ci/run` installs it.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless as root, with nothing that reaches out to the network on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
