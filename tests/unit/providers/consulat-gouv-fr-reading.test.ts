// Pure parts of the calendar reading: day slots from the availability JSON, service choice, the final verdict.
import { describe, expect, it } from 'vitest';
import { matchingSlots } from '../../../shared/filters';
import type { SlotFilter } from '../../../shared/model';
import { weekdayOf } from '../../../shared/zoned-time';
import { UnknownServiceError } from '../../../src-main/core/providers/consulat-gouv-fr/errors';
import { conclude } from '../../../src-main/core/providers/consulat-gouv-fr/conclude';
import {
  emptyProgress,
  parseDaySlots,
  slotsOf,
} from '../../../src-main/core/providers/consulat-gouv-fr/read-calendar';
import { CheckProblem } from '../../../src-main/core/providers/consulat-gouv-fr/classify';
import { apiCallKind } from '../../../src-main/core/providers/consulat-gouv-fr/traffic';
import {
  chooseService,
  sameServiceName,
  type TeamInfo,
} from '../../../src-main/core/providers/consulat-gouv-fr/wizard';

const LONDON: TeamInfo = {
  teamId: 't',
  consulate: 'Consulat Général De France À Londres',
  timeZone: 'Europe/London',
  services: [
    { id: 'a', name: 'Passeports et CNIE', isOpen: true },
    { id: 'b', name: 'Légalisations / copies conformes d’actes', isOpen: true },
    { id: 'c', name: 'Visas', isOpen: false },
  ],
};

describe('parseDaySlots', () => {
  it('keeps date, time and the consulate zone; drops times with no place left; sorts by time', () => {
    const body = [
      { time: '09:15', rate: '0.00', capacity: 2 },
      { time: '08:45', rate: '0.00', capacity: 1 },
      { time: '10:00', rate: '0.00', capacity: 0 },
    ];
    expect(parseDaySlots(body, '2026-10-27', 'Europe/London')).toEqual([
      { date: '2026-10-27', time: '08:45', timeZone: 'Europe/London', capacity: 1 },
      { date: '2026-10-27', time: '09:15', timeZone: 'Europe/London', capacity: 2 },
    ]);
  });

  it('T2: a Montreal day across the DST change and a late Friday keep their day, weekday and match in any machine zone', () => {
    // This file runs once per machine zone (vitest.config.ts): the answer must never depend on it.
    const friday = parseDaySlots(
      [{ time: '23:30', rate: '0.00', capacity: 2 }],
      '2026-07-03',
      'America/Montreal',
    );
    const dstDay = parseDaySlots(
      [{ time: '01:30', rate: '0.00', capacity: 1 }],
      '2026-11-01',
      'America/Montreal',
    );
    expect(friday).toEqual([
      { date: '2026-07-03', time: '23:30', timeZone: 'America/Montreal', capacity: 2 },
    ]);
    expect(dstDay).toEqual([
      { date: '2026-11-01', time: '01:30', timeZone: 'America/Montreal', capacity: 1 },
    ]);
    expect(weekdayOf(friday[0]!.date)).toBe(5);
    const fridayEvenings: SlotFilter = { weekdays: [5], hours: [{ from: '18:00', to: '23:59' }] };
    expect(matchingSlots([...friday, ...dstDay], fridayEvenings, new Date('2026-06-01T00:00:00Z'))).toEqual(
      friday,
    );
  });

  it('[] is a real empty day', () => {
    expect(parseDaySlots([], '2026-10-27', 'Europe/London')).toEqual([]);
  });

  it.each([[{}], [[{ time: '9h', capacity: 1 }]], [[{ time: '09:00' }]]])(
    'an unexpected shape is a changed site, not an empty day (%j)',
    (body) => {
      expect(() => parseDaySlots(body, '2026-10-27', 'Europe/London')).toThrow(CheckProblem);
    },
  );
});

describe('chooseService', () => {
  it('takes the exact name, then the same name with other apostrophes, spacing or case', () => {
    expect(chooseService(LONDON, 'Passeports et CNIE').id).toBe('a');
    expect(chooseService(LONDON, "légalisations /  copies conformes d'actes").id).toBe('b');
  });

  it('without a name, several open services is an error listing them (closed ones left out)', () => {
    try {
      chooseService(LONDON, undefined);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownServiceError);
      expect((error as UnknownServiceError).availableServices).toEqual([
        'Passeports et CNIE',
        'Légalisations / copies conformes d’actes',
      ]);
    }
  });

  it('a closed or unknown service is an error', () => {
    expect(() => chooseService(LONDON, 'Visas')).toThrow(UnknownServiceError);
    expect(() => chooseService(LONDON, 'Passports')).toThrow(/no open service named "Passports"/);
  });

  it('compares names as a person reads them', () => {
    expect(sameServiceName('d’actes', "d'actes")).toBe(true);
    expect(sameServiceName('Réception'.normalize('NFD'), 'réception')).toBe(true);
    expect(sameServiceName('Visas', 'Visa')).toBe(false);
  });
});

describe('conclude: unknown is not empty', () => {
  const base = () => {
    const progress = emptyProgress();
    progress.window = { start: '2026-10-26', end: '2026-12-10' };
    progress.excluded = new Set(['2026-10-31']);
    progress.candidates = ['2026-10-27', '2026-10-28'];
    return progress;
  };

  it('slots only from days that can match', () => {
    const progress = base();
    progress.daySlots.set('2026-10-27', [
      { date: '2026-10-27', time: '09:00', timeZone: 'Europe/London', capacity: 1 },
    ]);
    progress.daySlots.set('2026-10-26', [
      { date: '2026-10-26', time: '09:00', timeZone: 'Europe/London', capacity: 1 },
    ]);
    progress.daySlots.set('2026-10-28', []);
    expect(slotsOf(progress).map((slot) => slot.date)).toEqual(['2026-10-27']);
    expect(conclude(progress, undefined).status).toBe('slots');
  });

  it('no-slots only when every candidate day answered []', () => {
    const progress = base();
    progress.daySlots.set('2026-10-27', []);
    progress.daySlots.set('2026-10-28', []);
    expect(conclude(progress, undefined).status).toBe('no-slots');
  });

  it('one unknown day and no slot is unreachable, not no-slots', () => {
    const progress = base();
    progress.daySlots.set('2026-10-27', []);
    progress.unknownDays.add('2026-10-28');
    expect(conclude(progress, undefined)).toMatchObject({ status: 'unreachable', slots: [] });
  });

  it('nothing read at all is not no-slots', () => {
    expect(conclude(emptyProgress(), undefined).status).toBe('site-changed');
  });
});

describe('apiCallKind', () => {
  const site = 'https://consulat.gouv.fr';
  it.each([
    ['https://api.consulat.gouv.fr/api/handshake', 'handshake'],
    ['https://api.consulat.gouv.fr/api/team/x/reservations-session', 'session'],
    ['https://api.consulat.gouv.fr/api/team/x/reservations-session/s/update-step-value', 'update-step-value'],
    ['https://api.consulat.gouv.fr/api/team/x/reservations/get-interval?serviceId=1', 'get-interval'],
    ['https://api.consulat.gouv.fr/api/team/x/reservations/exclude-days', 'exclude-days'],
    ['https://api.consulat.gouv.fr/api/team/x/reservations/availability?date=2026-10-27', 'availability'],
    ['https://api.consulat.gouv.fr/api/team/x/reservations/family', 'booking'],
    ['https://api.consulat.gouv.fr/api/something-new', 'other'],
  ])('%s is %s', (url, kind) => {
    expect(apiCallKind(url, site)).toBe(kind);
  });

  it('the page origin and non-API paths are not API calls', () => {
    expect(apiCallKind('https://consulat.gouv.fr/app/abc.js', site)).toBeUndefined();
    expect(apiCallKind('https://challenges.cloudflare.com/turnstile/v0/api.js', site)).toBeUndefined();
  });
});
