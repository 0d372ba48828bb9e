/**
 * The browser every browser-driven check here uses (story tests, end-to-end tests, consumer tests, the render
 * benchmark), found in one place: an explicit `CHROMIUM_PATH`, the system's Chromium, or the one Playwright
 * downloads. Run as a script (`node scripts/system-chromium.ts`, the first step of `pnpm test`) it installs one
 * where none exists, the way the machine allows, or stops with one line that says what to install.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const DEBIAN_CHROMIUM_PATH = '/usr/bin/chromium';

/** Where distributions put a system Chromium or Chrome, in the order we prefer them. */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  DEBIAN_CHROMIUM_PATH,
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

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

/** Where to look; every part can be replaced, so a test can play a machine without a browser. */
export interface ChromiumSearch {
  /** The environment: `CHROMIUM_PATH` names a browser explicitly. */
  readonly env: NodeJS.ProcessEnv;
  /** The system's own browser locations. */
  readonly systemPaths: readonly string[];
  /** Where Playwright's `install chromium` puts its download (it honours `PLAYWRIGHT_BROWSERS_PATH`). */
  readonly playwrightPath: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightChromiumPath(): string {
  try {
    return chromium.executablePath();
  } catch {
    // Playwright names no download for some platforms; then there is simply nothing to find there.
    return '';
  }
}

/** The search this machine gets when nothing is replaced. */
export function defaultSearch(): ChromiumSearch {
  return { env: process.env, systemPaths: SYSTEM_CHROMIUM_PATHS, playwrightPath: playwrightChromiumPath() };
}

/** The first executable Chromium: `CHROMIUM_PATH`, then the system's, then Playwright's download. */
export function findChromium(search: ChromiumSearch = defaultSearch()): string | undefined {
  const candidates = [search.env.CHROMIUM_PATH, ...search.systemPaths, search.playwrightPath];
  return candidates.find((path): path is string => Boolean(path) && isExecutable(path as string));
}

/** One way of installing a browser: the commands, and what to tell a person who has to do it by hand. */
export interface InstallMethod {
  readonly label: string;
  readonly commands: readonly (readonly string[])[];
}

/** What this machine allows: Debian's package as root, Playwright's download everywhere else. */
export function installMethod(machine: { isRoot: boolean; isDebian: boolean }): InstallMethod {
  if (machine.isRoot && machine.isDebian) {
    return {
      label: 'apt-get install chromium',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium'],
      ],
    };
  }
  return {
    label: 'playwright install chromium',
    commands: [['pnpm', 'exec', 'playwright', 'install', 'chromium']],
  };
}

/** The one line a person gets when no browser could be provided. */
export function whatToInstall(reason: string): string {
  return `${reason}: install Chromium (Debian/Ubuntu: "sudo apt-get install chromium"; elsewhere: "pnpm exec playwright install chromium") or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
}

/** Runs one command; resolves to its exit status (the output goes to the log, not the terminal). */
export type RunCommand = (command: readonly string[]) => number;

export interface EnsureChromiumOptions {
  readonly search: ChromiumSearch;
  readonly method: InstallMethod;
  readonly run: RunCommand;
  /** Progress lines (the installer can take a minute or two). */
  readonly log: (line: string) => void;
}

export type EnsureChromiumResult = { ok: true; path: string } | { ok: false; message: string };

function notFound(search: ChromiumSearch): string {
  const named = search.env.CHROMIUM_PATH;
  return named ? `No Chromium found (CHROMIUM_PATH=${named} is not an executable)` : 'No Chromium found';
}

/** Finds Chromium, or installs it and finds it again; never throws. */
export function ensureChromium(options: EnsureChromiumOptions): EnsureChromiumResult {
  const found = findChromium(options.search);
  if (found) return { ok: true, path: found };
  if (options.search.env.CONFIDE_INSTALL_CHROMIUM === '0') {
    return {
      ok: false,
      message: whatToInstall(
        `${notFound(options.search)}, and CONFIDE_INSTALL_CHROMIUM=0 says not to install one`,
      ),
    };
  }
  options.log(`No Chromium found; installing one (${options.method.label})…`);
  for (const command of options.method.commands) {
    const status = options.run(command);
    if (status !== 0) {
      const reason = `${notFound(options.search)}, and "${command.join(' ')}" failed (exit ${status})`;
      return { ok: false, message: whatToInstall(reason) };
    }
  }
  const installed = findChromium(options.search);
  if (installed) return { ok: true, path: installed };
  return {
    ok: false,
    message: whatToInstall(`${notFound(options.search)}, even after "${options.method.label}" succeeded`),
  };
}

function runQuietly(command: readonly string[]): number {
  const [program, ...args] = command as [string, ...string[]];
  const result = spawnSync(program, args, {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'ignore', 'ignore'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status ?? 1;
}

/** The browser the checks launch; the fallback only names a path in Playwright's own error. */
export const CHROMIUM_PATH = findChromium() ?? DEBIAN_CHROMIUM_PATH;

/** The command: prints the browser's path and returns 0, or prints one line saying what to install and returns 1. */
export function main(
  options: EnsureChromiumOptions,
  output: { stdout: (text: string) => void; stderr: (text: string) => void },
) {
  const result = ensureChromium(options);
  if (result.ok) {
    output.stdout(`Chromium: ${result.path}\n`);
    return 0;
  }
  output.stderr(`${result.message}\n`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(
    {
      search: defaultSearch(),
      method: installMethod({
        isRoot: process.getuid?.() === 0,
        isDebian: existsSync('/etc/debian_version'),
      }),
      run: runQuietly,
      log: (line) => process.stderr.write(`${line}\n`),
    },
    { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  );
}
