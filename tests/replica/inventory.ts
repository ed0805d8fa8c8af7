// Teams and their slots, and what the API derives from them: window, excluded days, one day's availability.
import { parseInstant } from './clock';
import type { PublicTeam, ServiceZone, CalendarBound } from './team';
import { addDays, addMonths, daysBetween, weekdayOf, zonedMoment } from './zone';

/** One bookable time of one service on one day, in the team's zone. */
export interface SlotSeed {
  service: string;
  date: string;
  time: string;
  /** Places left; 0 means "fully booked" (the day then counts as excluded if nothing else is free). */
  capacity: number;
}

export interface TeamSlot extends SlotSeed {
  slug: string;
}

/** A slot that appears at `at` and vanishes `durationMs` later (virtual time). */
export interface DropSeed extends SlotSeed {
  /** ISO instant with zone designator. */
  at: string;
  durationMs: number;
}

export interface TeamDrop extends DropSeed {
  slug: string;
}

export interface AvailabilityEntry {
  time: string;
  rate: string;
  capacity: number;
}

export interface BookingWindow {
  start: string;
  end: string;
}

function shift(day: string, bound: CalendarBound): string {
  if (bound.type === 'months') return addMonths(day, bound.value);
  return addDays(day, bound.type === 'weeks' ? bound.value * 7 : bound.value);
}

export class Inventory {
  private readonly teams = new Map<string, PublicTeam>();
  /** slug → service name → date → time → capacity */
  private readonly slots = new Map<string, Map<string, Map<string, Map<string, number>>>>();
  private readonly drops: TeamDrop[] = [];

  addTeam(team: PublicTeam): void {
    this.teams.set(team.slug, team);
  }

  allTeams(): PublicTeam[] {
    return [...this.teams.values()];
  }

  teamBySlug(slug: string): PublicTeam | undefined {
    return this.teams.get(slug);
  }

  teamById(id: string): PublicTeam | undefined {
    return this.allTeams().find((team) => team._id === id);
  }

  serviceByName(team: PublicTeam, name: string): ServiceZone | undefined {
    return team.reservations_shop_availabilty.find((service) => service.name === name);
  }

  serviceById(team: PublicTeam, id: string): ServiceZone | undefined {
    return team.reservations_shop_availabilty.find((service) => service._id === id);
  }

  private requireService(slug: string, service: string): void {
    const team = this.teams.get(slug);
    if (!team) throw new Error(`unknown team slug: ${slug}`);
    if (!this.serviceByName(team, service)) throw new Error(`unknown service at ${slug}: ${service}`);
  }

  private day(slug: string, service: string, date: string, create: boolean): Map<string, number> | undefined {
    let byService = this.slots.get(slug);
    if (!byService && create) this.slots.set(slug, (byService = new Map()));
    let byDate = byService?.get(service);
    if (byService && !byDate && create) byService.set(service, (byDate = new Map()));
    let byTime = byDate?.get(date);
    if (byDate && !byTime && create) byDate.set(date, (byTime = new Map()));
    return byTime;
  }

  /** Adds a slot or replaces its capacity. */
  setSlot(slot: TeamSlot): void {
    this.requireService(slot.slug, slot.service);
    if (!/^\d{2}:\d{2}$/.test(slot.time)) throw new Error(`time must be HH:MM: ${slot.time}`);
    weekdayOf(slot.date); // validates the day
    this.day(slot.slug, slot.service, slot.date, true)?.set(slot.time, slot.capacity);
  }

  /** Removes one time, or the whole day when `time` is omitted. Returns whether anything went. */
  removeSlot(slot: { slug: string; service: string; date: string; time?: string }): boolean {
    const byDate = this.slots.get(slot.slug)?.get(slot.service);
    if (!byDate) return false;
    if (slot.time === undefined) return byDate.delete(slot.date);
    return byDate.get(slot.date)?.delete(slot.time) ?? false;
  }

  /** Empties one service, one team, or everything. */
  clearSlots(slug?: string, service?: string): void {
    if (slug === undefined) this.slots.clear();
    else if (service === undefined) this.slots.delete(slug);
    else this.slots.get(slug)?.delete(service);
  }

  listSlots(slug?: string, service?: string): TeamSlot[] {
    const out: TeamSlot[] = [];
    for (const [teamSlug, byService] of this.slots) {
      if (slug !== undefined && teamSlug !== slug) continue;
      for (const [serviceName, byDate] of byService) {
        if (service !== undefined && serviceName !== service) continue;
        for (const [date, byTime] of byDate)
          for (const [time, capacity] of byTime)
            out.push({ slug: teamSlug, service: serviceName, date, time, capacity });
      }
    }
    return out.sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));
  }

  addDrop(drop: TeamDrop): void {
    this.requireService(drop.slug, drop.service);
    parseInstant(drop.at);
    this.drops.push({ ...drop });
  }

  listDrops(): TeamDrop[] {
    return this.drops.map((drop) => ({ ...drop }));
  }

  /**
   * The bookable window in the team's zone. The start is today + begin; the end rolls forward one day
   * at `dynamic_calendar_opening` local time: before it the end counts from yesterday, from it on from today.
   */
  window(team: PublicTeam, service: ServiceZone, nowMs: number): BookingWindow {
    const now = zonedMoment(nowMs, team.timezone);
    const openingMinutes =
      Number(service.dynamic_calendar_opening.hour) * 60 + Number(service.dynamic_calendar_opening.minute);
    const opened = now.hour * 60 + now.minute >= openingMinutes;
    const anchor = opened ? now.date : addDays(now.date, -1);
    return {
      start: shift(now.date, service.dynamic_calendar.begin),
      end: shift(anchor, service.dynamic_calendar.end),
    };
  }

  /** Times still offered on a day (capacity > 0), stored slots plus live drops, time order. */
  private offered(team: PublicTeam, service: ServiceZone, date: string, nowMs: number): Map<string, number> {
    const times = new Map<string, number>();
    const stored = this.slots.get(team.slug)?.get(service.name)?.get(date);
    for (const [time, capacity] of stored ?? []) times.set(time, capacity);
    for (const drop of this.drops) {
      if (drop.slug !== team.slug || drop.service !== service.name || drop.date !== date) continue;
      const at = parseInstant(drop.at);
      if (nowMs >= at && nowMs < at + drop.durationMs)
        times.set(drop.time, (times.get(drop.time) ?? 0) + drop.capacity);
    }
    // Times already past on today are no longer bookable.
    const now = zonedMoment(nowMs, team.timezone);
    for (const [time, capacity] of times)
      if (capacity <= 0 || (date === now.date && time <= now.time)) times.delete(time);
    return new Map([...times].sort(([a], [b]) => a.localeCompare(b)));
  }

  private isOpeningDay(service: ServiceZone, date: string): boolean {
    if (service.closed_days.includes(date)) return false;
    const weekday = weekdayOf(date);
    return service.openings.some((opening) => opening.day === weekday);
  }

  /** Closed days ∪ weekdays without openings ∪ days with no capacity left, within the window. */
  excludeDays(team: PublicTeam, service: ServiceZone, nowMs: number): string[] {
    const { start, end } = this.window(team, service, nowMs);
    return daysBetween(start, end).filter(
      (date) => !this.isOpeningDay(service, date) || this.offered(team, service, date, nowMs).size === 0,
    );
  }

  /** One day's slots as the API returns them; [] outside the window or on a closed day. */
  availability(team: PublicTeam, service: ServiceZone, date: string, nowMs: number): AvailabilityEntry[] {
    const { start, end } = this.window(team, service, nowMs);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < start || date > end) return [];
    if (!this.isOpeningDay(service, date)) return [];
    return [...this.offered(team, service, date, nowMs)].map(([time, capacity]) => ({
      time,
      rate: '0.00',
      capacity,
    }));
  }
}
