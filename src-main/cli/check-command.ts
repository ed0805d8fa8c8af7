/** The `check` command: read one booking calendar once in Chromium and report what was seen. */
import type { CheckOutcome, SlotFilter } from '../../shared/model';
import { UnknownConsulateError, UnknownServiceError } from '../core/providers/consulat-gouv-fr/errors';
import { createConsulatGouvFrProvider } from '../core/providers/consulat-gouv-fr/provider';
import { findBrowser } from '../core/browser/find-browser';
import { launchBrowser } from '../core/browser/launch-browser';
import {
  buildCheckReport,
  exitCodeFor,
  formatCheckReport,
  EXIT_BAD_INPUT,
  EXIT_INCONCLUSIVE,
} from './check-report';
import { fileExistsOnDisk } from '../core/browser/file-exists';
import { BROWSER_OPTIONS, FILTER_OPTIONS, isInputError, parseBookingCommand } from './command-args';
import type { CommandIo } from './command-args';

export const CHECK_USAGE = `Usage: ambislot check <booking-url> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
       [--weekdays mon,tue,...] [--hours HH:MM-HH:MM]... [--before YYYY-MM-DD]
       [--browser PATH] [--show-browser] [--json]`;

const CHECK_OPTIONS = { ...FILTER_OPTIONS, ...BROWSER_OPTIONS } as const;

export async function runCheckCommand(argv: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseBookingCommand(argv, CHECK_OPTIONS, CHECK_USAGE);
  } catch (error) {
    if (!isInputError(error)) throw error;
    io.err(error.message);
    return EXIT_BAD_INPUT;
  }
  const args = {
    url: parsed.url,
    filter: parsed.filter,
    browser: parsed.values.browser,
    json: parsed.values.json ?? false,
    headed: parsed.values['show-browser'] ?? false,
  };

  const located = findBrowser({
    configuredPath: args.browser,
    env: io.env,
    platform: process.platform,
    fileExists: fileExistsOnDisk,
  });
  if (!located.found) {
    io.err(located.message);
    return EXIT_INCONCLUSIVE;
  }

  const browserPromise = launchBrowser({
    executablePath: located.path,
    headless: !args.headed,
    runningAsRoot: process.getuid?.() === 0,
    log: (line) => io.err(line),
  });
  const provider = createConsulatGouvFrProvider({
    getBrowser: () => browserPromise,
    headless: !args.headed,
  });
  let outcome: CheckOutcome;
  try {
    outcome = await provider.check({ bookingUrl: args.url, filter: args.filter });
  } catch (error) {
    if (error instanceof UnknownServiceError || error instanceof UnknownConsulateError) {
      io.err(error.message);
      return EXIT_BAD_INPUT;
    }
    throw error;
  } finally {
    await provider.close();
    await (await browserPromise.catch(() => undefined))?.close();
  }

  const report = buildCheckReport(outcome, args.filter, new Date(), args.url);
  if (args.json) io.out(JSON.stringify(report));
  else for (const line of formatCheckReport(report, hasConditions(args.filter))) io.out(line);
  return exitCodeFor(outcome);
}

/** Whether the person set any filter at all (an empty one matches every slot). */
function hasConditions(filter: SlotFilter): boolean {
  return Object.values(filter).some(
    (value) => value !== undefined && !(Array.isArray(value) && value.length === 0),
  );
}
