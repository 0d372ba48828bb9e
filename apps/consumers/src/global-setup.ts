import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../../scripts/free-port.js';
import { type PackedPackages, packPublishable } from './pack.js';
import { installHost } from './scratch.js';
import { startServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    readonly packed: PackedPackages;
    readonly nodeHost: string;
    readonly apiUrl: string;
    readonly vitePort: number;
    readonly nextPort: number;
  }
}

/**
 * Packs the packages once, installs the Node host and starts the reference server from it (the Node host's
 * start script is itself one of the consumer checks); the browser hosts' origins are on its allow-list.
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const packed = packPublishable();
  const nodeHost = await installHost('node', packed, [
    '@confide/protocol',
    '@confide/core',
    '@confide/server',
  ]);
  const [vitePort, nextPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'confide-consumers-data-'));
  const origins = [vitePort, nextPort].map((port) => `http://127.0.0.1:${port}`);
  const server = await startServer(nodeHost.folder, dataDir, origins);
  console.log(
    `consumers: packed ${Object.keys(packed.tarballs).length} packages, Node host ${
      nodeHost.installedNow ? 'installed' : 'reused'
    }, server up at ${server.ready} in ${Math.round(performance.now() - started)} ms`,
  );
  project.provide('packed', packed);
  project.provide('nodeHost', nodeHost.folder);
  project.provide('apiUrl', server.ready);
  project.provide('vitePort', vitePort);
  project.provide('nextPort', nextPort);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(packed.folder, { recursive: true, force: true });
  };
}
