/** `npm run demo`: the replica with slots appearing and vanishing over three minutes, and a `watch` on it, printed live. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWatchCommand } from '../src-main/cli/watch-command';
import { startReplica } from '../tests/replica/server';
import { LONDON_PASSPORTS, LONDON_SLUG, openDays } from '../tests/replica/scenarios';

const INTERVAL = '5s';

/** One scripted moment: seconds after the start, what a person is told, what the replica does. */
interface Step {
  atS: number;
  say: string;
  act?: () => void;
}

const replica = await startReplica({ clock: 'running' });
const control = replica.control;
const url = replica.bookingUrl(LONDON_SLUG, { name: LONDON_PASSPORTS });
const team = control.teams().find((t) => t.slug === LONDON_SLUG)!;
const open = openDays(team, LONDON_PASSPORTS, control.clock.now());
const dataDir = mkdtempSync(join(tmpdir(), 'ambislot-demo-'));

/** A slot the replica shows `inS` seconds from now, for `forS` seconds (a cancellation, then rebooked). */
const drop = (date: string, time: string, inS: number, forS: number) =>
  control.scheduleDrop({
    slug: LONDON_SLUG,
    service: LONDON_PASSPORTS,
    date,
    time,
    capacity: 1,
    at: new Date(control.clock.now() + inS * 1000).toISOString(),
    durationMs: forS * 1000,
  });

let outage: number | undefined;
const steps: Step[] = [
  { atS: 0, say: 'The consulate already shows a few slots: the first check announces them once.' },
  {
    atS: 20,
    say: `Someone cancels: ${open[3]} 08:45 frees up for 40 s.`,
    act: () => drop(open[3]!, '08:45', 0, 40),
  },
  {
    atS: 45,
    say: `Two more cancellations on ${open[6]}.`,
    act: () => {
      drop(open[6]!, '11:15', 0, 70);
      drop(open[6]!, '11:30', 0, 30);
    },
  },
  { atS: 60, say: `${open[3]} 08:45 is booked by someone else: it is gone.` },
  {
    atS: 75,
    say: `${open[6]} 11:30 is gone; it comes back at 90 s (a flap): no second alert for it.`,
    act: () => drop(open[6]!, '11:30', 15, 60),
  },
  {
    atS: 110,
    say: 'The site goes down (HTTP 503): failures, then one "degraded" notice.',
    act: () => {
      outage = control.addFault({ route: 'api', kind: '5xx', status: 503 });
    },
  },
  {
    atS: 150,
    say: 'The site is back: one "back to normal" notice, no repeated alerts.',
    act: () => {
      if (outage !== undefined) control.removeFault(outage);
    },
  },
  { atS: 180, say: `A new slot on ${open[9]} 15:00.`, act: () => drop(open[9]!, '15:00', 0, 60) },
  { atS: 205, say: 'End of the scenario: stopping the watch (Ctrl-C does the same at any time).' },
];

const stop = new AbortController();
const timers = steps.map((step) =>
  setTimeout(() => {
    console.log(`\n[demo +${step.atS}s] ${step.say}`);
    step.act?.();
    if (step === steps[steps.length - 1]) stop.abort();
  }, step.atS * 1000),
);
const onSignal = () => stop.abort();
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

console.log(`AmbiSlot demo: a local stand-in for consulat.gouv.fr (London, "${LONDON_PASSPORTS}"),
watched every ${INTERVAL}. About three and a half minutes; Ctrl-C stops it.
Booking page: ${url}`);

let code = 1;
try {
  code = await runWatchCommand(
    [url, '--interval', INTERVAL, '--data-dir', dataDir],
    {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
      env: process.env,
    },
    stop.signal,
  );
} finally {
  timers.forEach(clearTimeout);
  await replica.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exitCode = code;
