/** The `history` command: a calendar's stored history as CSV (appearances or checks), or its insight in a few lines. */
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/monitor-data-dir';
import { historyFileFor } from '../core/history/history-calendar';
import { historyCsv } from '../core/history/history-csv';
import { loadCalendarHistory } from '../core/history/history-file';
import { buildInsight } from '../core/history/insight';
import type { Insight } from '../core/history/insight';
import { BookingUrlError, parseBookingUrl } from '../core/providers/consulat-gouv-fr/booking-url';
import { EXIT_BAD_INPUT, EXIT_CONCLUDED } from './check-report';
import type { CommandIo } from './command-args';

export const HISTORY_USAGE = `Usage: ambislot history <booking-url> [--csv [--checks]] [--data-dir DIR]

Reads what AmbiSlot stored about that calendar (up to 90 days) while it watched it.
Without --csv: when slots appeared (consulate time), how long they stayed free, what that rests on.
--csv: one row per appearance of a slot (RFC 4180, consulate date and time with the zone, ISO instants);
--checks with --csv: one row per check instead.`;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export async function runHistoryCommand(argv: string[], io: CommandIo): Promise<number> {
  let values: { csv?: boolean; checks?: boolean; 'data-dir'?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        csv: { type: 'boolean' },
        checks: { type: 'boolean' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${HISTORY_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  if (values.help) {
    io.out(HISTORY_USAGE);
    return EXIT_CONCLUDED;
  }
  if (values.checks && !values.csv) {
    io.err(`--checks chooses what --csv exports (one row per check); add --csv.\n${HISTORY_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  const [url, ...extra] = positionals;
  if (!url || extra.length > 0) {
    io.err(`${url ? `Unexpected argument: ${extra[0]}` : 'Missing the booking page URL.'}\n${HISTORY_USAGE}`);
    return EXIT_BAD_INPUT;
  }
  try {
    parseBookingUrl(url);
  } catch (error) {
    if (!(error instanceof BookingUrlError)) throw error;
    io.err(error.message);
    return EXIT_BAD_INPUT;
  }
  const dataDir =
    values['data-dir'] ?? defaultDataDir({ env: io.env, platform: process.platform, homeDir: homedir() });
  const history = await loadCalendarHistory(historyFileFor(dataDir, url));
  if (values.csv) {
    // The CSV's own CRLF line ends; `out` would add a newline of its own.
    process.stdout.write(historyCsv(history, values.checks ? 'checks' : 'appearances'));
    return EXIT_CONCLUDED;
  }
  if (history.checks.length === 0) {
    io.out(`No history for this calendar in ${dataDir} yet: watch it first (ambislot watch <booking-url>).`);
    return EXIT_CONCLUDED;
  }
  for (const line of insightLines(buildInsight(history))) io.out(line);
  return EXIT_CONCLUDED;
}

/** The insight for a terminal, in plain English. */
export function insightLines(insight: Insight): string[] {
  const { basis, lifetimes } = insight;
  const minutes = (ms: number) => `${Math.round(ms / 6_000) / 10} min`;
  const lines = [
    `Based on ${basis.daysObserved} day(s) watched, ${basis.checks} checks and ${basis.timedAppearances} slot appearances ` +
      `with a known time (${basis.appearances} in all). Release times can be irregular: this is what was seen, not a promise.`,
  ];
  if (insight.peak) {
    lines.push(
      `Most appearances: ${WEEKDAYS[insight.peak.weekday - 1]} ${pad(insight.peak.hour)}:00–${pad(insight.peak.hour)}:59 ` +
        `${insight.timeZone} (${insight.peak.count}); busiest hour of any day: ${pad(insight.peakHour!.hour)}h (${insight.peakHour!.count}).`,
    );
  }
  if (lifetimes.medianMs !== undefined)
    lines.push(`Slots stayed free for ${minutes(lifetimes.medianMs)} (median).`);
  else if (lifetimes.medianAtLeastMs !== undefined)
    lines.push(`Half the slots stayed free longer than ${minutes(lifetimes.medianAtLeastMs)}.`);
  if (lifetimes.goneWithin5MinShare !== undefined)
    lines.push(
      `${Math.round(lifetimes.goneWithin5MinShare * 100)}% were gone within 5 minutes ` +
        `(${lifetimes.ended} gone, ${lifetimes.censored} still free or past their time, counted as censored).`,
    );
  return lines;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
