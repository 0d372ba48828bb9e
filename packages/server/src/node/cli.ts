#!/usr/bin/env node
import { ConfigError, readServerConfig, USAGE } from './server-config.js';
import { startServer } from './start-server.js';

/** Runs `confide-server`: starts, prints one line with the URL once ready, and shuts down on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config: ReturnType<typeof readServerConfig>;
  try {
    const argv = process.argv.slice(2);
    // `pnpm run serve -- --port 0` passes the separator through; it is not an argument.
    config = readServerConfig(argv[0] === '--' ? argv.slice(1) : argv, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`confide-server: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (config === 'help') {
    console.log(USAGE);
    return;
  }
  const server = await startServer(config);
  console.log(`confide-server listening on ${server.url}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.error(JSON.stringify({ level: 'info', event: 'shutdown', signal }));
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('confide-server: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('confide-server: failed to start', error);
  process.exit(1);
});
