/** Headless runner: the same engine and providers as the app, without Electron. */
import { runCheckCommand } from './cli/check-command';
import { runWatchCommand } from './cli/watch-command';
import { runTestAlertCommand } from './cli/test-alert-command';
import { runHistoryCommand } from './cli/history-command';
import { stopSignalOnInterrupt } from './cli/interrupt';

const USAGE = `AmbiSlot command line

  check <booking-url> [filters] [--json]   read a consulate calendar once and print its free slots
  watch <booking-url> [filters] [--interval 3m] [--json]
                                           watch it until Ctrl-C; print new slots, gone slots and status changes
  test-alert <email|ntfy|webhook|desktop> --config FILE
                                           send one test alert on a channel and print the server's answer
  history <booking-url> [--csv] [--data-dir DIR]
                                           when slots appeared and how long they stayed free; --csv exports it

Run "ambislot <command> --help" for the options of a command.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l), env: process.env };
  switch (command) {
    case 'check':
      return runCheckCommand(rest, io);
    case 'watch':
      return runWatchCommand(
        rest,
        io,
        stopSignalOnInterrupt((line) => io.err(line)),
      );
    case 'test-alert':
      return runTestAlertCommand(rest, io);
    case 'history':
      return runHistoryCommand(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`Unknown command "${command}".\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
