// Reading a service's release facts from the team object (§2.2–2.3): what the page says, and what is left out.
import { describe, expect, it } from 'vitest';
import { releaseOf } from '../../../src-main/core/providers/consulat-gouv-fr/wizard';

describe('releaseOf (dynamic_calendar_opening of one service)', () => {
  it('reads the {hour, minute} strings of the real object as HH:MM, and the window end in days', () => {
    expect(
      releaseOf({
        dynamic: true,
        opening: { hour: '18', minute: '00' },
        end: { type: 'days', value: 45 },
      }),
    ).toEqual({ release: { opening: '18:00', windowDays: 45 } });
    expect(
      releaseOf({ dynamic: true, opening: { hour: 7, minute: 5 }, end: { type: 'weeks', value: 2 } }),
    ).toEqual({
      release: { opening: '07:05', windowDays: 14 },
    });
  });

  it('keeps the opening but no day count when the window is counted in months', () => {
    expect(
      releaseOf({ dynamic: true, opening: { hour: '00', minute: '00' }, end: { type: 'months', value: 2 } }),
    ).toEqual({ release: { opening: '00:00' } });
  });

  it('says nothing for a fixed calendar or an opening it cannot read (the plain interval applies then)', () => {
    expect(releaseOf({ dynamic: false, opening: { hour: '18', minute: '00' } })).toEqual({});
    expect(releaseOf({ dynamic: true })).toEqual({});
    expect(releaseOf({ dynamic: true, opening: { hour: '24', minute: '00' } })).toEqual({});
    expect(releaseOf({ dynamic: true, opening: { hour: 'six', minute: '00' } })).toEqual({});
    expect(releaseOf({ dynamic: true, opening: null })).toEqual({});
  });
});
