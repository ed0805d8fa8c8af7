// Built-in posts (London, Montreal, Dublin with nothing open) and helpers to build custom ones in tests.
import { Inventory, type BookingWindow, type DropSeed, type SlotSeed } from './inventory';
import {
  makeTeam,
  weekdayOpenings,
  MONDAY_TO_FRIDAY,
  type PublicTeam,
  type ServiceInput,
  type TeamInput,
} from './team';
import { addDays, daysBetween, offsetChangeDays, weekdayOf, zonedToday } from './zone';

export { makeTeam, makeService, weekdayOpenings, objectId, MONDAY_TO_FRIDAY } from './team';
export type { PublicTeam, ServiceZone, ServiceInput, TeamInput } from './team';
export type { SlotSeed, DropSeed } from './inventory';

/** A post as the replica serves it: the team object of §2.3 plus what is bookable. */
export interface Scenario {
  team: PublicTeam;
  slots: SlotSeed[];
  drops?: DropSeed[];
}

export const LONDON_SLUG = 'consulat-general-de-france-a-londres';
export const LONDON_PASSPORTS = 'Passeports et CNIE';
/** Accents, a slash and a typographic apostrophe: the name must survive URLs and query strings. */
export const LONDON_LEGALISATIONS = 'Légalisations / copies conformes d’actes';
export const LONDON_CIVIL = 'Etat civil';

export const MONTREAL_SLUG = 'consulat-general-de-france-a-montreal';
export const MONTREAL_TEAM_ID = '61f924e90b0582a933ff3e7c';
export const MONTREAL_PASSPORTS = 'Demande de passeport/CNI';
export const MONTREAL_PASSPORTS_ID = '623e3c5319ec2e40dcf76397';
/** A clock where Montreal's window spans the end of DST (2026-11-01). */
export const MONTREAL_DST_NOW = '2026-10-25T14:00:00Z';

export const DUBLIN_SLUG = 'ambassade-de-france-en-irlande';
export const DUBLIN_VISAS = 'Visas';

/** The window a service would get at `nowMs`, same rule as get-interval. */
export function windowAt(team: PublicTeam, serviceName: string, nowMs: number): BookingWindow {
  const service = team.reservations_shop_availabilty.find((candidate) => candidate.name === serviceName);
  if (!service) throw new Error(`no service ${serviceName} at ${team.slug}`);
  return new Inventory().window(team, service, nowMs);
}

/** Days of the window that open (an opening that weekday, not a closed day), optionally from a day on. */
export function openDays(team: PublicTeam, serviceName: string, nowMs: number, from?: string): string[] {
  const service = team.reservations_shop_availabilty.find((candidate) => candidate.name === serviceName);
  if (!service) throw new Error(`no service ${serviceName} at ${team.slug}`);
  const { start, end } = windowAt(team, serviceName, nowMs);
  return daysBetween(from && from > start ? from : start, end).filter(
    (day) =>
      !service.closed_days.includes(day) &&
      service.openings.some((opening) => opening.day === weekdayOf(day)),
  );
}

/** First day on or after `from` with ISO weekday `weekday`. */
export function nextWeekday(from: string, weekday: number): string {
  let day = from;
  while (weekdayOf(day) !== weekday) day = addDays(day, 1);
  return day;
}

/** Builds a scenario from a team description and slots; a convenience for custom tests. */
export function buildScenario(team: TeamInput, slots: SlotSeed[] = [], drops: DropSeed[] = []): Scenario {
  return { team: makeTeam(team), slots, drops };
}

function pick<T>(list: T[], index: number): T | undefined {
  return list[Math.min(index, list.length - 1)];
}

/** London: weekends closed, a few closed days, slots incl. the window's last open day and a late Friday. */
export function londonScenario(nowMs: number): Scenario {
  const timeZone = 'Europe/London';
  const today = zonedToday(nowMs, timeZone);
  // Closed days: two weekdays inside the window (standing in for bank holidays) plus Christmas.
  const closed = [
    nextWeekday(addDays(today, 10), 3),
    nextWeekday(addDays(today, 24), 1),
    `${today.slice(0, 4)}-12-25`,
  ];
  const passports: ServiceInput = {
    _id: '6502a1f4c3e97b0012ab3c01',
    name: LONDON_PASSPORTS,
    openings: weekdayOpenings(MONDAY_TO_FRIDAY, '08:45', '18:00'),
    closed_days: closed,
    session_duration: 15,
    note: { fr: 'Présentez-vous avec votre ancien passeport.', en: 'Bring your old passport.' },
  };
  const team = makeTeam({
    _id: '6502a1f4c3e97b0012ab3c00',
    name: 'Consulat Général De France À Londres',
    slug: LONDON_SLUG,
    timezone: timeZone,
    city: 'Londres',
    country: 'Royaume-Uni',
    country_code: 'GB',
    address: '21 Cromwell Road, London SW7 2EN',
    services: [
      passports,
      {
        _id: '6502a1f4c3e97b0012ab3c02',
        name: LONDON_LEGALISATIONS,
        openings: weekdayOpenings([2, 4], '09:00', '12:00'),
        session_duration: 10,
      },
      { _id: '6502a1f4c3e97b0012ab3c03', name: LONDON_CIVIL, session_duration: 20 },
      { _id: '6502a1f4c3e97b0012ab3c04', name: 'Visas', is_open: false },
    ],
  });
  const open = openDays(team, LONDON_PASSPORTS, nowMs, addDays(today, 1));
  const friday = nextWeekday(addDays(today, 1), 5);
  const lastOpen = open[open.length - 1];
  const slot = (service: string, date: string | undefined, time: string, capacity: number): SlotSeed[] =>
    date ? [{ service, date, time, capacity }] : [];
  const legalDays = openDays(team, LONDON_LEGALISATIONS, nowMs, addDays(today, 1));
  return {
    team,
    slots: [
      ...slot(LONDON_PASSPORTS, pick(open, 1), '09:00', 1),
      ...slot(LONDON_PASSPORTS, pick(open, 1), '09:15', 2),
      // Fully booked day: listed times with no place left, so exclude-days must cover it.
      ...slot(LONDON_PASSPORTS, pick(open, 2), '10:00', 0),
      ...slot(LONDON_PASSPORTS, pick(open, 4), '10:30', 3),
      ...slot(LONDON_PASSPORTS, pick(open, 8), '14:00', 1),
      ...slot(LONDON_PASSPORTS, friday, '17:45', 1),
      ...slot(LONDON_PASSPORTS, lastOpen, '11:00', 2),
      ...slot(LONDON_LEGALISATIONS, pick(legalDays, 2), '09:30', 2),
      ...slot(LONDON_LEGALISATIONS, pick(legalDays, 2), '09:40', 1),
    ],
  };
}

/** Montreal (real ids from §4): window opens a day at 18:00, Friday 23:30 slot, slots around DST changes. */
export function montrealScenario(nowMs: number): Scenario {
  const timeZone = 'America/Montreal';
  const today = zonedToday(nowMs, timeZone);
  const weekdays = [
    ...weekdayOpenings([1, 2, 3, 4], '08:30', '16:00'),
    // Late Friday hours exist only so the Friday 23:30 slot (case T3) is plausible.
    ...weekdayOpenings([5], '08:30', '23:45'),
  ];
  const team = makeTeam({
    _id: MONTREAL_TEAM_ID,
    name: 'Consulat Général De France À Montréal',
    slug: MONTREAL_SLUG,
    timezone: timeZone,
    city: 'Montréal',
    country: 'Canada',
    country_code: 'CA',
    address: '1501 McGill College, Bureau 1000, Montréal (Québec) H3A 3M8',
    services: [
      {
        _id: MONTREAL_PASSPORTS_ID,
        name: MONTREAL_PASSPORTS,
        dynamic_calendar_opening: { hour: '18', minute: '00' },
        openings: weekdays,
        session_duration: 15,
      },
      {
        _id: '61f953226dd45bff30f01db0',
        name: 'RETRAIT DE CNI/PASSEPORT',
        openings: weekdays,
        session_duration: 10,
      },
      { _id: '61f937bb416883a92dfc1c3b', name: 'DEMANDE DE CNI/PASSEPORT (20)', is_open: false },
      {
        _id: '61f953e766a257ff81987a3d',
        name: 'Affaires diverses de chancellerie (copies conformes / légalisations...)',
        session_duration: 10,
      },
      { _id: '61f9545e456683ff9569d014', name: 'Procurations', session_duration: 10 },
      { _id: '61f955a5456683ff9569d0bc', name: 'Etat civil', session_duration: 20 },
    ],
  });
  const open = openDays(team, MONTREAL_PASSPORTS, nowMs, addDays(today, 1));
  const slots: SlotSeed[] = [];
  const add = (service: string, date: string | undefined, time: string, capacity: number): void => {
    if (date) slots.push({ service, date, time, capacity });
  };
  add(MONTREAL_PASSPORTS, nextWeekday(addDays(today, 1), 5), '23:30', 1);
  add(MONTREAL_PASSPORTS, pick(open, 2), '09:00', 1);
  add(MONTREAL_PASSPORTS, pick(open, 2), '09:15', 2);
  // The day that joins the window at 18:00 today: only visible after the rollover.
  const rollover = addDays(today, 45);
  if (weekdayOf(rollover) <= 5) add(MONTREAL_PASSPORTS, rollover, '10:00', 1);
  const { start, end } = windowAt(team, MONTREAL_PASSPORTS, nowMs);
  for (const change of offsetChangeDays(start, addDays(end, 1), timeZone)) {
    const before = open.filter((day) => day <= change).pop();
    const after = [...open, rollover].find((day) => day > change);
    add(MONTREAL_PASSPORTS, before, '16:45', 1);
    add(MONTREAL_PASSPORTS, before, '23:30', 1);
    add(MONTREAL_PASSPORTS, after, '08:30', 2);
  }
  add('RETRAIT DE CNI/PASSEPORT', pick(open, 1), '13:00', 4);
  return { team, slots };
}

/** Dublin: every open day fully booked, so exclude-days covers the whole window (no-slot message). */
export function dublinNoSlotsScenario(nowMs: number): Scenario {
  const team = makeTeam({
    _id: '621540d353069dec25bd0045',
    name: 'Ambassade De France En Irlande',
    slug: DUBLIN_SLUG,
    timezone: 'Europe/Dublin',
    city: 'Dublin',
    country: 'Irlande',
    country_code: 'IE',
    services: [
      {
        _id: '624317926863643fe83c8548',
        name: DUBLIN_VISAS,
        openings: weekdayOpenings(MONDAY_TO_FRIDAY, '09:00', '12:00'),
      },
    ],
  });
  const slots = openDays(team, DUBLIN_VISAS, nowMs).map((date) => ({
    service: DUBLIN_VISAS,
    date,
    time: '09:00',
    capacity: 0,
  }));
  return { team, slots };
}

/** Every built-in post, dated relative to `nowMs`. */
export function builtinScenarios(nowMs: number): Scenario[] {
  return [londonScenario(nowMs), montrealScenario(nowMs), dublinNoSlotsScenario(nowMs)];
}
