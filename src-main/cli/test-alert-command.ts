/** The `test-alert` command: one real test alert on one channel, configured by the app's settings file. */
import { parseArgs } from 'node:util';
import { ALERT_CHANNEL_NAMES, formatAlertSettingsIssues } from '../../shared/alert-settings';
import type { AlertChannelName, AlertSettings } from '../../shared/alert-settings';
import { consoleNotifier } from '../core/alerts/desktop-channel';
import { sendTestAlert } from '../core/alerts/test-alert';
import type { CommandIo } from './command-args';
import { ConfigError, readAlertSettings } from './alert-settings-file';

export const TEST_ALERT_USAGE = `Usage: ambislot test-alert <email|ntfy|webhook|desktop> --config FILE [--json]

Sends one test alert on that channel with the alert settings of FILE (the app's settings file),
whether or not the channel is switched on, and prints the real result.
Exit codes: 0 delivered, 3 the server refused or could not be reached (its reply is printed), 2 bad input.`;

export const EXIT_DELIVERED = 0;
export const EXIT_BAD_CONFIG = 2;
export const EXIT_DELIVERY_FAILED = 3;

export async function runTestAlertCommand(argv: string[], io: CommandIo): Promise<number> {
  let values: { config?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${TEST_ALERT_USAGE}`);
    return EXIT_BAD_CONFIG;
  }
  if (values.help) {
    io.out(TEST_ALERT_USAGE);
    return EXIT_DELIVERED;
  }
  const [channel, ...extra] = positionals;
  if (!channel || !ALERT_CHANNEL_NAMES.includes(channel as AlertChannelName) || extra.length > 0) {
    io.err(`Say which channel to test: ${ALERT_CHANNEL_NAMES.join(', ')}.\n${TEST_ALERT_USAGE}`);
    return EXIT_BAD_CONFIG;
  }
  if (!values.config) {
    io.err(`--config FILE is missing: the settings file holding the alert settings.\n${TEST_ALERT_USAGE}`);
    return EXIT_BAD_CONFIG;
  }

  let settings: AlertSettings;
  try {
    settings = await readAlertSettings(values.config, io);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return EXIT_BAD_CONFIG;
  }

  const result = await sendTestAlert(channel as AlertChannelName, settings, {
    // The CLI's "desktop" is this terminal; stderr keeps stdout for --json.
    desktopNotifier: consoleNotifier(values.json ? io.err : io.out),
  });
  if (values.json) io.out(JSON.stringify(result));
  if (result.ok) {
    if (!values.json) io.out(`Test alert delivered by ${channel} in ${result.durationMs} ms.`);
    return EXIT_DELIVERED;
  }
  if (result.kind === 'invalid-settings') {
    if (!values.json) {
      io.err(
        `The ${channel} settings in ${values.config} are not complete:\n${formatAlertSettingsIssues(result.issues ?? [])}`,
      );
    }
    return EXIT_BAD_CONFIG;
  }
  if (!values.json) {
    io.err(`The ${channel} test alert was not delivered.`);
    io.err(`Server reply: ${result.serverReply ?? '(none)'}`);
    if (result.hint) io.err(`Hint: ${result.hint}`);
  }
  return EXIT_DELIVERY_FAILED;
}
