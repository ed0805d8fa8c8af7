/** What `check` and `watch` share on the command line: the I/O port, filter flags, and the booking URL + filter parse. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SlotFilter } from '../../shared/model';
import { FilterArgumentError, parseFilterFlags } from '../../shared/filter-args';
import { BookingUrlError, parseBookingUrl } from '../core/providers/consulat-gouv-fr/booking-url';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Filter flags shared by `check` and `watch`. */
export const FILTER_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  weekdays: { type: 'string', multiple: true },
  hours: { type: 'string', multiple: true },
  before: { type: 'string' },
} as const;

/** Flags every command that reads a calendar in Chromium takes. */
export const BROWSER_OPTIONS = {
  browser: { type: 'string' },
  'show-browser': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

/** A command line a person must correct; the message already says how (and ends with the usage). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;
type ParsedValues<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>
>['values'];

/**
 * Parses `<booking-url> [flags]`: exactly one positional, a well-formed booking URL, a consistent filter.
 * Throws UsageError, BookingUrlError or FilterArgumentError (see `isInputError`).
 */
export function parseBookingCommand<O extends Options>(
  argv: string[],
  options: O,
  usage: string,
): { url: string; filter: SlotFilter; values: ParsedValues<O> } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError(`${plainParseError(error as Error)}\n${usage}`);
  }
  const [url, ...extra] = parsed.positionals;
  if (!url) throw new UsageError(`Missing the booking page URL.\n${usage}`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra[0]}\n${usage}`);
  parseBookingUrl(url);
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const filterFlags: Record<string, string | string[] | undefined> = {};
  for (const name of Object.keys(FILTER_OPTIONS)) {
    const value = values[name];
    if (typeof value !== 'boolean') filterFlags[name] = value;
  }
  return { url, filter: parseFilterFlags(filterFlags), values: parsed.values };
}

/** Errors whose message is the whole answer to a person (exit code 2), as opposed to bugs. */
export function isInputError(error: unknown): error is Error {
  return (
    error instanceof UsageError || error instanceof BookingUrlError || error instanceof FilterArgumentError
  );
}

/**
 * node:util parseArgs speaks to programmers ("Unknown option '--bogus'. To specify a positional argument
 * starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\""); a person needs
 * the first sentence only.
 */
function plainParseError(error: Error): string {
  const unknown = /^Unknown option '([^']+)'/.exec(error.message);
  if (unknown) return `Unknown option ${unknown[1]}; see the options below.`;
  return error.message;
}
