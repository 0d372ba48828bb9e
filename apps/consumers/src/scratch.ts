import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackedPackages } from './pack.js';
import { run } from './run.js';

const hostsDir = fileURLToPath(new URL('../hosts/', import.meta.url));

/**
 * Where installed host apps are kept between runs: outside the workspace, so nothing resolves through its
 * links. `CONFIDE_CONSUMERS_CACHE` moves it.
 */
export function cacheRoot(): string {
  return process.env.CONFIDE_CONSUMERS_CACHE ?? join(tmpdir(), 'confide-consumers');
}

function filesOf(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function hashFiles(hash: ReturnType<typeof createHash>, template: string, files: readonly string[]) {
  for (const file of files) {
    hash.update(`${relative(template, file)}\n`);
    hash.update(readFileSync(file));
  }
}

/**
 * The install's cache key: the tarballs' hashes, the host's package.json and the Node major that installs it.
 * The host's other files are copied in on every run; steps such as a build are keyed on them too.
 */
function installKey(host: string, packed: PackedPackages): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(packed.hashes).sort()) hash.update(`${name}=${packed.hashes[name]}\n`);
  const template = join(hostsDir, host);
  hashFiles(hash, template, [join(template, 'package.json')]);
  hash.update(process.versions.node.split('.')[0] ?? '');
  return hash.digest('hex').slice(0, 16);
}

function sourceKey(host: string): string {
  const hash = createHash('sha256');
  const template = join(hostsDir, host);
  hashFiles(hash, template, filesOf(template));
  return hash.digest('hex');
}

/** A host app in its scratch folder, its dependencies installed from the tarballs. */
export interface InstalledHost {
  readonly folder: string;
  /** False when a previous run's install (same key) was reused. */
  readonly installedNow: boolean;
  /** Runs a step (a build) once per install and version of the host's files: later runs skip it. */
  once(step: string, work: () => Promise<unknown>): Promise<void>;
}

/**
 * Copies `hosts/<host>` into a scratch folder and installs it with npm, as a user would: its own dependencies
 * from the registry, and the named Confide packages from their tarballs (also where one Confide package
 * depends on another). A folder whose key matches is reused as it is.
 */
export async function installHost(
  host: string,
  packed: PackedPackages,
  confidePackages: readonly string[],
): Promise<InstalledHost> {
  const folder = join(cacheRoot(), `${host}-${installKey(host, packed)}`);
  const installedMarker = join(folder, '.installed');
  const installedNow = !existsSync(installedMarker);
  if (installedNow) {
    mkdirSync(cacheRoot(), { recursive: true });
    // Older installs of this host belong to older tarballs: nothing will reuse them.
    for (const entry of readdirSync(cacheRoot())) {
      if (entry.startsWith(`${host}-`)) rmSync(join(cacheRoot(), entry), { recursive: true, force: true });
    }
    cpSync(join(hostsDir, host), folder, { recursive: true });
    mkdirSync(join(folder, 'tarballs'));
    const confide: Record<string, string> = {};
    for (const name of Object.keys(packed.tarballs)) {
      const tarball = packed.tarballs[name]!;
      cpSync(join(packed.folder, tarball), join(folder, 'tarballs', tarball));
      confide[name] = `file:tarballs/${tarball}`;
    }
    const manifestPath = join(folder, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const direct = Object.fromEntries(confidePackages.map((name) => [name, confide[name]]));
    manifest.dependencies = { ...manifest.dependencies, ...direct };
    // A Confide package's own Confide dependencies come from the tarballs too, never from the registry.
    manifest.overrides = Object.fromEntries(
      Object.keys(confide).map((name) => [name, direct[name] ? `$${name}` : confide[name]]),
    );
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: folder });
    writeFileSync(installedMarker, '');
  }
  const template = join(hostsDir, host);
  for (const file of filesOf(template)) {
    const path = relative(template, file);
    if (path === 'package.json') continue;
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    cpSync(file, join(folder, path));
  }
  const sources = sourceKey(host);
  return {
    folder,
    installedNow,
    async once(step, work) {
      const marker = join(folder, `.done-${step}`);
      if (existsSync(marker) && readFileSync(marker, 'utf8') === sources) return;
      await work();
      writeFileSync(marker, sources);
    },
  };
}
