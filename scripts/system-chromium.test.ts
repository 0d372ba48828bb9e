import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChromiumSearch,
  findChromium,
  type InstallMethod,
  installMethod,
  main,
} from './system-chromium.ts';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'confide-chromium-'));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

function fakeBrowser(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

/** A machine without Chromium: CHROMIUM_PATH points nowhere, the system paths are hidden, no download yet. */
function machineWithoutChromium(env: NodeJS.ProcessEnv = {}): ChromiumSearch {
  return {
    env: { CHROMIUM_PATH: join(folder, 'nowhere', 'chromium'), ...env },
    systemPaths: [join(folder, 'usr', 'bin', 'chromium')],
    playwrightPath: join(folder, 'ms-playwright', 'chromium-1', 'chrome'),
  };
}

const playwrightInstall: InstallMethod = installMethod({ isRoot: false, isDebian: false });

type Place = 'explicit' | 'system' | 'playwright';

describe('findChromium', () => {
  const cases: {
    name: string;
    present: Place[];
    expected: Place | null;
  }[] = [
    {
      name: 'an explicit CHROMIUM_PATH first',
      present: ['explicit', 'system', 'playwright'],
      expected: 'explicit',
    },
    { name: "the system's before Playwright's", present: ['system', 'playwright'], expected: 'system' },
    { name: "Playwright's download last", present: ['playwright'], expected: 'playwright' },
    { name: 'nothing when none exists', present: [], expected: null },
  ];
  it.each(cases)('finds $name', ({ present, expected }) => {
    const paths = {
      explicit: join(folder, 'explicit', 'chrome'),
      system: join(folder, 'usr', 'bin', 'chromium'),
      playwright: join(folder, 'ms-playwright', 'chromium-1', 'chrome'),
    };
    for (const kind of present) fakeBrowser(paths[kind]);
    const search = {
      env: { CHROMIUM_PATH: paths.explicit },
      systemPaths: [paths.system],
      playwrightPath: paths.playwright,
    };
    expect(findChromium(search)).toBe(expected ? paths[expected] : undefined);
  });

  it('skips a file that is not executable', () => {
    const notExecutable = join(folder, 'chromium');
    writeFileSync(notExecutable, '');
    const search = { env: { CHROMIUM_PATH: notExecutable }, systemPaths: [], playwrightPath: '' };
    expect(findChromium(search)).toBeUndefined();
  });
});

describe('installMethod', () => {
  it.each([
    {
      isRoot: true,
      isDebian: true,
      label: 'apt-get install chromium',
      last: ['apt-get', 'install', '-y', 'chromium'],
    },
    {
      isRoot: false,
      isDebian: true,
      label: 'playwright install chromium',
      last: ['pnpm', 'exec', 'playwright', 'install', 'chromium'],
    },
    {
      isRoot: true,
      isDebian: false,
      label: 'playwright install chromium',
      last: ['pnpm', 'exec', 'playwright', 'install', 'chromium'],
    },
  ])('uses $label for root=$isRoot debian=$isDebian', ({ isRoot, isDebian, label, last }) => {
    const method = installMethod({ isRoot, isDebian });
    expect(method.label).toBe(label);
    expect(method.commands.at(-1)).toEqual(last);
  });
});

describe('the browser-finding command on a machine without Chromium', () => {
  function runMain(
    search: ChromiumSearch,
    method: InstallMethod,
    run: (command: readonly string[]) => number,
  ) {
    const out = { stdout: '', stderr: '' };
    const ran: string[] = [];
    const code = main(
      {
        search,
        method,
        run: (command) => {
          ran.push(command.join(' '));
          return run(command);
        },
        log: () => {},
      },
      { stdout: (text) => (out.stdout += text), stderr: (text) => (out.stderr += text) },
    );
    return { code, ran, ...out };
  }

  it('provides a browser when the installer can install one', () => {
    const search = machineWithoutChromium();
    const result = runMain(search, playwrightInstall, () => {
      fakeBrowser(search.playwrightPath);
      return 0;
    });
    expect(result).toEqual({
      code: 0,
      ran: ['pnpm exec playwright install chromium'],
      stdout: `Chromium: ${search.playwrightPath}\n`,
      stderr: '',
    });
  });

  it('installs with apt-get as root on Debian and finds the system browser', () => {
    const search = machineWithoutChromium();
    const method = installMethod({ isRoot: true, isDebian: true });
    const result = runMain(search, method, (command) => {
      if (command[1] === 'install') fakeBrowser(search.systemPaths[0]!);
      return 0;
    });
    expect(result.code).toBe(0);
    expect(result.ran).toEqual(['apt-get update', 'apt-get install -y chromium']);
    expect(result.stdout).toBe(`Chromium: ${search.systemPaths[0]}\n`);
  });

  const failures: { name: string; env?: NodeJS.ProcessEnv; status: number; says: RegExp }[] = [
    {
      name: 'the installer fails',
      status: 1,
      says: /"pnpm exec playwright install chromium" failed \(exit 1\)/,
    },
    {
      name: 'the installer succeeds without a browser',
      status: 0,
      says: /even after "playwright install chromium" succeeded/,
    },
    {
      name: 'installing is turned off',
      env: { CONFIDE_INSTALL_CHROMIUM: '0' },
      status: 0,
      says: /CONFIDE_INSTALL_CHROMIUM=0/,
    },
  ];
  it.each(failures)('stops with one line saying what to install when $name', ({ env, status, says }) => {
    const search = machineWithoutChromium(env);
    const result = runMain(search, playwrightInstall, () => status);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([expect.stringMatching(says), '']);
    expect(result.stderr).toContain('CHROMIUM_PATH=');
    expect(result.stderr).toContain('apt-get install chromium');
    expect(result.stderr).toContain('playwright install chromium');
  });

  it('does not run the installer when installing is turned off', () => {
    const result = runMain(
      machineWithoutChromium({ CONFIDE_INSTALL_CHROMIUM: '0' }),
      playwrightInstall,
      () => 0,
    );
    expect(result.ran).toEqual([]);
  });
});
