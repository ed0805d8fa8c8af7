/** The `check` command: read one booking calendar once in Chromium and report what was seen. */
import { parseArgs } from 'node:util';
import type { CheckOutcome, SlotFilter } from '../../shared/model';
import { parseFilterFlags, FilterArgumentError } from '../../shared/filter-args';
import { parseBookingUrl, BookingUrlError } from '../core/providers/consulat-gouv-fr/booking-url';
import { UnknownServiceError } from '../core/providers/consulat-gouv-fr/errors';
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
import { nodeFileExists } from './node-file-exists';

export const CHECK_USAGE = `Usage: ambislot check <booking-url> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
       [--weekdays mon,tue,...] [--hours HH:MM-HH:MM]... [--before YYYY-MM-DD]
       [--browser PATH] [--show-browser] [--json]`;

/** Filter flags shared by `check` and `watch`. */
export const FILTER_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  weekdays: { type: 'string' },
  hours: { type: 'string', multiple: true },
  before: { type: 'string' },
} as const;

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

class BadInput extends Error {}

function parseCheckArgs(argv: string[]): {
  url: string;
  filter: SlotFilter;
  browser?: string;
  json: boolean;
  headed: boolean;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...FILTER_OPTIONS,
        browser: { type: 'string' },
        json: { type: 'boolean', default: false },
        'show-browser': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new BadInput(`${(error as Error).message}\n${CHECK_USAGE}`);
  }
  const [url, ...extra] = parsed.positionals;
  if (!url) throw new BadInput(`Missing the booking page URL.\n${CHECK_USAGE}`);
  if (extra.length > 0) throw new BadInput(`Unexpected argument: ${extra[0]}\n${CHECK_USAGE}`);
  const { from, to, weekdays, hours, before } = parsed.values;
  return {
    url,
    filter: parseFilterFlags({ from, to, weekdays, hours, before }),
    browser: parsed.values.browser,
    json: parsed.values.json ?? false,
    headed: parsed.values['show-browser'] ?? false,
  };
}

export async function runCheckCommand(argv: string[], io: CommandIo): Promise<number> {
  let args;
  try {
    args = parseCheckArgs(argv);
    parseBookingUrl(args.url);
  } catch (error) {
    if (
      error instanceof BadInput ||
      error instanceof BookingUrlError ||
      error instanceof FilterArgumentError
    ) {
      io.err(error.message);
      return EXIT_BAD_INPUT;
    }
    throw error;
  }

  const located = findBrowser({
    configuredPath: args.browser,
    env: io.env,
    platform: process.platform,
    fileExists: nodeFileExists,
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
    if (error instanceof UnknownServiceError) {
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
  else for (const line of formatCheckReport(report)) io.out(line);
  return exitCodeFor(outcome);
}
