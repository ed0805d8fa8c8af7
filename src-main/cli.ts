/** Headless runner: the same engine and providers as the app, without Electron. */
import { CHECK_USAGE, runCheckCommand } from './cli/check-command';
import { WATCH_USAGE, runWatchCommand } from './cli/watch-command';
import { TEST_ALERT_USAGE, runTestAlertCommand } from './cli/test-alert-command';
import { HISTORY_USAGE, runHistoryCommand } from './cli/history-command';
import { stopSignalOnInterrupt } from './cli/interrupt';

const USAGE = `AmbiSlot command line

  check <booking-url> [filters] [--json]   read a consulate calendar once and print its free slots
  watch <booking-url> [filters] [--interval 3m] [--json]
                                           watch it until Ctrl-C; print new slots, gone slots and status changes
  test-alert <email|ntfy|webhook|desktop> --config FILE
                                           send one test alert on a channel and print the server's answer
  history <booking-url> [--csv [--checks]] [--data-dir DIR]
                                           when slots appeared and how long they stayed free; --csv exports it

Run "ambislot <command> --help" for the options of a command.`;

const COMMAND_USAGE: Record<string, string> = {
  check: CHECK_USAGE,
  watch: WATCH_USAGE,
  'test-alert': TEST_ALERT_USAGE,
  history: HISTORY_USAGE,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l), env: process.env };
  const usage = command === undefined ? undefined : COMMAND_USAGE[command];
  if (usage && (rest.includes('--help') || rest.includes('-h'))) {
    io.out(usage);
    return 0;
  }
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
