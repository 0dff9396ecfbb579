import { createServer } from './createServer';
import { CLI_USAGE, parseCliArgs } from './parseCliArgs';
import type { LogEntry } from './types';

// `tastebud-server`: the sync server as a process. Logs are JSON lines on stderr and never contain
// client addresses; the one line on stdout says where it listens (tests and scripts read it).

function log(entry: LogEntry): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`tastebud-server: ${error instanceof Error ? error.message : String(error)}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (command.help) {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const server = await createServer({ ...command.options, log });
  const address = await server.listen(command.port, command.host);
  process.stdout.write(`${JSON.stringify({ event: 'listening', ...address, store: server.store.kind, pid: process.pid })}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      log({ level: 'warn', event: 'forced-exit', signal });
      process.exit(1);
    }
    stopping = true;
    log({ level: 'info', event: 'shutting-down', signal });
    server.close().then(
      () => {
        log({ level: 'info', event: 'stopped' });
        process.exit(0);
      },
      (error: unknown) => {
        log({ level: 'error', event: 'shutdown-failed', error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  log({ level: 'error', event: 'startup-failed', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
