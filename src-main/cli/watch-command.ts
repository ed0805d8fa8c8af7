/** The `watch` command: one watch on the engine, printing new slots, gone slots and status changes until interrupted. */
import { DataDirBusyError, DataDirUnusableError } from '../core/storage/data-dir-lock';
import { homedir } from 'node:os';
import { BrowserNotFoundError, createMonitor, type Monitor } from '../core/monitor';
import { defaultDataDir } from '../core/monitor-data-dir';
import { isLoopback } from '../core/scheduler';
import { EXIT_BAD_INPUT, EXIT_CONCLUDED, EXIT_INCONCLUSIVE } from './check-report';
import { BROWSER_OPTIONS, FILTER_OPTIONS, isInputError, parseBookingCommand } from './command-args';
import type { CommandIo } from './command-args';
import { formatDuration, parseInterval } from './interval-arg';
import { formatWatchLine, watchLines } from './watch-events';
import { ConfigError, readAlertSettings } from './alert-settings-file';
import type { AlertSettings } from '../../shared/alert-settings';
import { openAlerting, type Alerting } from '../core/alerts/alerting';
import { consoleNotifier } from '../core/alerts/desktop-channel';
import { systemClock } from '../core/ports';

export const WATCH_USAGE = `Usage: ambislot watch <booking-url> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
       [--weekdays mon,tue,...] [--hours HH:MM-HH:MM]... [--before YYYY-MM-DD]
       [--interval 3m] [--data-dir DIR] [--config FILE] [--browser PATH] [--show-browser] [--json]
Runs until Ctrl-C. --interval takes 90s, 3m, 1h (at least 60s on consulat.gouv.fr).
--config FILE: the app's settings file; its e-mail, ntfy and webhook alerts are sent too.`;

const WATCH_OPTIONS = {
  ...FILTER_OPTIONS,
  ...BROWSER_OPTIONS,
  interval: { type: 'string', default: '3m' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
} as const;

export const WATCH_ID = 'watch';

/**
 * Runs the watch until `stop` aborts (SIGINT/SIGTERM in the CLI), then closes everything, Chromium included.
 * Exit codes: 0 after a clean stop, 2 for input to correct (options, or a service the consulate does not offer,
 * found at the first check), 3 when no browser can be used (nothing was checked).
 */
export async function runWatchCommand(argv: string[], io: CommandIo, stop: AbortSignal): Promise<number> {
  let args;
  try {
    const parsed = parseBookingCommand(argv, WATCH_OPTIONS, WATCH_USAGE);
    args = {
      ...parsed,
      intervalMs: parseInterval(parsed.values.interval ?? '3m', isLoopback(parsed.url)),
      dataDir:
        parsed.values['data-dir'] ??
        defaultDataDir({ env: io.env, platform: process.platform, homeDir: homedir() }),
    };
  } catch (error) {
    if (!isInputError(error)) throw error;
    io.err(error.message);
    return EXIT_BAD_INPUT;
  }
  let alertSettings: AlertSettings | undefined;
  if (args.values.config) {
    try {
      // This terminal already prints every event, so the desktop channel would only say it twice.
      const read = await readAlertSettings(args.values.config, io);
      alertSettings = { ...read, desktop: { ...read.desktop, enabled: false } };
      const on = (['email', 'ntfy', 'webhook'] as const).filter((channel) => read[channel].enabled);
      io.err(
        on.length > 0
          ? `Alerts also go to: ${on.join(', ')} (from ${args.values.config}).`
          : `No e-mail, ntfy or webhook alert is switched on ("enabled": true) in ${args.values.config}; only this terminal will tell you.`,
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(error.message);
      return EXIT_BAD_INPUT;
    }
  }
  const json = args.values.json ?? false;
  const headless = !(args.values['show-browser'] ?? false);

  // Input only the site can judge (the service named by ?name=) ends the command with exit 2, as `check` does,
  // when it shows before any check concluded; later (the site renamed the service) the watch goes on failing.
  let concluded = false;
  let inputError: string | undefined;
  const stopForInput = new AbortController();
  let monitor: Monitor;
  try {
    monitor = await createMonitor({
      dataDir: args.dataDir,
      browserPath: args.values.browser,
      env: io.env,
      headless,
      log: (line) => io.err(line),
      onInputError: (_request, error) => {
        if (concluded || inputError !== undefined) return;
        inputError = error.message;
        stopForInput.abort();
      },
    });
  } catch (error) {
    if (error instanceof DataDirBusyError || error instanceof DataDirUnusableError) {
      io.err(`Not monitoring: ${error.message}`);
      return EXIT_INCONCLUSIVE;
    }
    if (!(error instanceof BrowserNotFoundError)) throw error;
    io.err(`Not monitoring: ${error.message}`);
    return EXIT_INCONCLUSIVE;
  }

  let alerting: Alerting | undefined;
  try {
    if (stop.aborted) return EXIT_CONCLUDED;
    const { engine } = monitor;
    if (alertSettings) {
      const settings = alertSettings;
      alerting = await openAlerting({
        dataDir: args.dataDir,
        getSettings: () => settings,
        desktopNotifier: consoleNotifier(io.err),
        clock: systemClock,
        onChannelProblem: (problem) =>
          io.err(
            `Alert channel ${problem.channel} failed: ${problem.serverReply}${problem.hint ? ` (${problem.hint})` : ''}`,
          ),
      });
      alerting.attach(engine);
      alerting.attach(monitor.watchdog);
    }
    watchLines(
      engine,
      (line) => {
        if (json) io.out(JSON.stringify(line));
        else for (const text of formatWatchLine(line)) io.out(text);
      },
      monitor.watchdog,
    );
    engine.on('status', (e) => {
      if (e.outcome === 'slots' || e.outcome === 'no-slots') concluded = true;
    });
    engine.on('memory-problem', (e) =>
      io.err(
        `The alert memory ${e.file} was unreadable (${e.error}); kept it at ${e.keptAt} and started afresh.`,
      ),
    );
    engine.addWatch({
      id: WATCH_ID,
      bookingUrl: args.url,
      filter: args.filter,
      intervalMs: args.intervalMs,
      enabled: true,
    });
    io.err(
      `Watching ${args.url} every ${formatDuration(args.intervalMs)} (alert memory in ${args.dataDir}). Press Ctrl-C to stop.`,
    );
    monitor.start(); // the engine and its watchdog
    const either = AbortSignal.any([stop, stopForInput.signal]);
    await new Promise<void>((resolve) => {
      if (either.aborted) resolve();
      else either.addEventListener('abort', () => resolve(), { once: true });
    });
    if (inputError === undefined) io.err('Stopping…');
  } finally {
    await monitor.close();
    await alerting?.close();
  }
  if (inputError !== undefined) {
    io.err(inputError);
    return EXIT_BAD_INPUT;
  }
  return EXIT_CONCLUDED;
}
