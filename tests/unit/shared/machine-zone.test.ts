// Proves the per-zone vitest projects really change the machine zone, so the other shared/ tests mean something.
import { describe, expect, it } from 'vitest';
import { MACHINE_ZONES, withMachineZone } from './machine-zones';

const MID_JANUARY = new Date(Date.UTC(2026, 0, 15, 12, 0));

/** What Intl says the zone's offset is, in getTimezoneOffset's sign convention (minutes, west positive). */
function intlOffsetMinutes(zone: string, instant: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0; // "GMT" alone means UTC
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '+' ? -minutes : minutes;
}

describe('machine zone of this test run', () => {
  it('T2: runs under one of the configured machine zones, and Node honours it', () => {
    const zone = process.env.TZ;
    expect(MACHINE_ZONES).toContain(zone);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
    expect(MID_JANUARY.getTimezoneOffset()).toBe(intlOffsetMinutes(zone!, MID_JANUARY));
    expect(MID_JANUARY.getTimezoneOffset()).not.toBe(0);
  });

  it('T2: switching TZ inside the process changes local Date getters', () => {
    const offsets = MACHINE_ZONES.map((zone) => withMachineZone(zone, () => MID_JANUARY.getTimezoneOffset()));
    expect(new Set(offsets).size).toBe(MACHINE_ZONES.length);
    // Each run's own zone is restored afterwards.
    expect(MID_JANUARY.getTimezoneOffset()).toBe(intlOffsetMinutes(process.env.TZ!, MID_JANUARY));
  });

  it('T2: the pitfall is real here: new Date("YYYY-MM-DD") is UTC midnight, a day early west of UTC', () => {
    // This is why shared/ never does this: in Los Angeles a Friday reads as Thursday.
    const localWeekday = withMachineZone('America/Los_Angeles', () => new Date('2026-07-03').getDay());
    expect(localWeekday).toBe(4);
  });
});
