import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('../../../packages/', import.meta.url));

/** The publishable packages as `pnpm pack` makes them (workspace ranges replaced by versions). */
export interface PackedPackages {
  /** The folder with one tarball per package. */
  readonly folder: string;
  /** Package name → tarball file name in `folder`. */
  readonly tarballs: Readonly<Record<string, string>>;
  /** Package name → SHA-256 of its tarball (the scratch installs' cache key is made from these). */
  readonly hashes: Readonly<Record<string, string>>;
}

/** Packs every package under packages/ that is not private (they must be built). */
export function packPublishable(): PackedPackages {
  const folder = mkdtempSync(join(tmpdir(), 'confide-packed-'));
  const tarballs: Record<string, string> = {};
  const hashes: Record<string, string> = {};
  for (const directory of readdirSync(packagesDir)) {
    const manifest = JSON.parse(readFileSync(join(packagesDir, directory, 'package.json'), 'utf8'));
    if (manifest.private === true) continue;
    const before = new Set(readdirSync(folder));
    const result = spawnSync('pnpm', ['pack', '--pack-destination', folder], {
      cwd: join(packagesDir, directory),
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`pnpm pack failed in packages/${directory}:\n${result.stderr}`);
    const tarball = readdirSync(folder).find((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for packages/${directory}`);
    tarballs[manifest.name] = tarball;
    hashes[manifest.name] = createHash('sha256')
      .update(readFileSync(join(folder, tarball)))
      .digest('hex');
  }
  return { folder, tarballs, hashes };
}
