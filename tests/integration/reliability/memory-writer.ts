// Child process for the kill -9 test: records one new slot per round in the real alert memory and says "saved N" once on disk.
import { SeenSlots } from '../../../src-main/core/seen-slots';
import type { CheckOutcome, Slot } from '../../../shared/model';
import type { Clock } from '../../../src-main/core/ports';

const dataDir = process.argv[2]!;
const clock: Clock = {
  now: () => performance.now(),
  wallNow: () => new Date('2026-07-03T08:00:00Z'),
  setTimer: () => () => {},
};
const scope = { site: 'https://consulat.gouv.fr', consulate: 'team', service: 'svc' };

function slotNumber(n: number): Slot {
  const day = 10 + Math.floor(n / 96);
  const minutes = (n % 96) * 15;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { date: `2026-08-${String(day).padStart(2, '0')}`, time, timeZone: 'Europe/London', capacity: 1 };
}

const { memory } = await SeenSlots.openInDir(dataDir, { clock });
const start = memory.size;
for (let n = start; ; n += 1) {
  const slots = Array.from({ length: n + 1 }, (_, i) => slotNumber(i));
  const outcome: CheckOutcome = {
    status: 'slots',
    reason: '',
    checkedAt: '',
    slots,
    unknownDays: [],
    apiRequests: 0,
  };
  memory.observe(scope, outcome, slots);
  await memory.flush();
  process.stdout.write(`saved ${n + 1}\n`);
}
