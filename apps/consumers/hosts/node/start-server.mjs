// Starts the reference server as a host's own Node program would: from `@confide/server/node`, on a free port,
// with the demo data in dev mode (which hands out dev tokens). Usage: node start-server.mjs DATA_DIR ORIGINS
import { readServerConfig, startServer } from '@confide/server/node';

const [dataDir, allowedOrigins = ''] = process.argv.slice(2);
const config = readServerConfig(['--port', '0', '--seed', 'demo', '--data', dataDir], {
  CONFIDE_DEV: '1',
  CONFIDE_ALLOWED_ORIGINS: allowedOrigins,
});
if (config === 'help') throw new Error('unexpected --help');
const server = await startServer(config, { requestLogger: false, log: () => {} });
console.log(`Confide server listening on ${server.url}`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
