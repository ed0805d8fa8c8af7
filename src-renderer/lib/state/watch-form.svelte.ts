/** The add/edit form of a watch: the pasted URL, the consulate's services, the filter fields and the live preview. */
import { matchingSlots, validateFilter } from '../../../shared/filters';
import type { AmbiSlotApi, ServiceList } from '../../../shared/ipc-contract';
import type { HourWindow, Slot, SlotFilter, Watch, Weekday } from '../../../shared/model';
import { messageOf } from '../api';

/** Choices offered for a watch's own interval, in minutes; the floor of the site is the first. */
export const INTERVAL_CHOICES_MIN = [1, 2, 3, 5, 10, 15, 30, 60] as const;

/** The `?name=` of a booking URL, decoded, or undefined. */
export function serviceNameOf(url: string): string | undefined {
  try {
    const name = new URL(url.trim()).searchParams.get('name')?.normalize('NFC').trim();
    return name ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The booking URL with `?name=` set to the chosen service, written like the site writes it
 * (encodeURIComponent, so a space is %20 and the link a person opens is the one the site would give).
 */
export function withServiceName(url: string, serviceName: string): string {
  const parsed = new URL(url.trim());
  parsed.searchParams.delete('name');
  const rest = parsed.searchParams.toString();
  parsed.search = `?${rest ? `${rest}&` : ''}name=${encodeURIComponent(serviceName)}`;
  return parsed.href;
}

/** Same rules, whatever the order of fields and weekdays. */
export function sameFilter(a: SlotFilter, b: SlotFilter): boolean {
  const canonical = (filter: SlotFilter) =>
    JSON.stringify({
      from: filter.from || undefined,
      to: filter.to || undefined,
      before: filter.before || undefined,
      weekdays: filter.weekdays?.length ? [...filter.weekdays].sort((x, y) => x - y) : undefined,
      hours: filter.hours?.length ? filter.hours.map((w) => [w.from, w.to]) : undefined,
      withinHours: filter.withinHours,
    });
  return canonical(a) === canonical(b);
}

export type LookupState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; list: ServiceList }
  | { kind: 'error'; message: string };

export class WatchForm {
  bookingUrl = $state('');
  label = $state('');
  serviceName = $state('');
  from = $state('');
  to = $state('');
  before = $state('');
  weekdays = $state<Weekday[]>([]);
  hours = $state<HourWindow[]>([]);
  /** Minutes, or null for "the global interval". */
  intervalMinutes = $state<number | null>(null);
  enabled = $state(true);
  /** Not edited here (the command line sets it); kept so saving the form does not drop it. */
  withinHours = $state<number | undefined>(undefined);
  lookup = $state<LookupState>({ kind: 'idle' });
  saving = $state(false);
  saveError = $state<string | undefined>(undefined);

  readonly editingId: string | undefined;
  private readonly original: Watch | undefined;

  /** The filter as the engine will get it: empty fields left out, so they mean "anything". */
  readonly filter: SlotFilter = $derived.by(() => {
    const filter: SlotFilter = {};
    if (this.from) filter.from = this.from;
    if (this.to) filter.to = this.to;
    if (this.before) filter.before = this.before;
    if (this.weekdays.length > 0) filter.weekdays = [...this.weekdays].sort((a, b) => a - b);
    const hours = this.hours.filter((window) => window.from && window.to);
    if (hours.length > 0) filter.hours = hours.map((window) => ({ ...window }));
    if (this.withinHours !== undefined) filter.withinHours = this.withinHours;
    return filter;
  });

  readonly filterErrors: string[] = $derived(validateFilter(this.filter));

  /** The mistakes the form's own fields can make, as text keys for the window's language. */
  readonly filterProblems: ('editor.errorRange' | 'editor.errorBefore')[] = $derived.by(() => {
    const problems: ('editor.errorRange' | 'editor.errorBefore')[] = [];
    // YYYY-MM-DD strings sort like the days they name.
    if (this.from && this.to && this.from > this.to) problems.push('editor.errorRange');
    if (this.from && this.before && this.before <= this.from) problems.push('editor.errorBefore');
    return problems;
  });

  /** The URL that will be saved: the pasted one, with the chosen service. */
  readonly finalUrl: string | undefined = $derived.by(() => {
    if (!this.serviceName) return undefined;
    try {
      return withServiceName(this.bookingUrl, this.serviceName);
    } catch {
      return undefined;
    }
  });

  readonly canSave: boolean = $derived(
    this.finalUrl !== undefined && this.filterErrors.length === 0 && !this.saving,
  );

  constructor(
    private readonly api: AmbiSlotApi,
    existing?: Watch,
  ) {
    this.editingId = existing?.id;
    // A plain copy: the snapshot's proxies cannot be cloned and would change under us.
    this.original = existing ? $state.snapshot(existing) : undefined;
    if (existing) {
      this.bookingUrl = existing.bookingUrl;
      this.label = existing.label ?? '';
      this.serviceName = serviceNameOf(existing.bookingUrl) ?? '';
      this.from = existing.filter.from ?? '';
      this.to = existing.filter.to ?? '';
      this.before = existing.filter.before ?? '';
      this.weekdays = [...(existing.filter.weekdays ?? [])];
      this.hours = (existing.filter.hours ?? []).map((window) => ({ ...window }));
      this.intervalMinutes =
        existing.intervalMs === undefined ? null : Math.round(existing.intervalMs / 60_000);
      this.enabled = existing.enabled;
      this.withinHours = existing.filter.withinHours;
    }
  }

  /** A new URL makes the services read for the old one meaningless. */
  setUrl(url: string): void {
    this.bookingUrl = url;
    if (this.lookup.kind !== 'idle') this.lookup = { kind: 'idle' };
  }

  /** Asks main which services the consulate of this URL offers; picks the URL's own or the only one. */
  async lookUpServices(): Promise<void> {
    const url = this.bookingUrl.trim();
    this.lookup = { kind: 'loading' };
    try {
      const list = await this.api.listServices({ bookingUrl: url });
      // A newer paste may have replaced the URL while this one was read.
      if (this.bookingUrl.trim() !== url) return;
      this.lookup = { kind: 'done', list };
      const wanted = serviceNameOf(url);
      const names = list.services.map((service) => service.name);
      if (wanted && names.includes(wanted)) this.serviceName = wanted;
      else if (names.length === 1) this.serviceName = names[0]!;
      else if (!names.includes(this.serviceName)) this.serviceName = '';
    } catch (error) {
      if (this.bookingUrl.trim() === url) this.lookup = { kind: 'error', message: messageOf(error) };
    }
  }

  toggleWeekday(day: Weekday): void {
    this.weekdays = this.weekdays.includes(day)
      ? this.weekdays.filter((d) => d !== day)
      : [...this.weekdays, day];
  }

  addHours(): void {
    this.hours = [...this.hours, { from: '09:00', to: '12:00' }];
  }

  removeHours(index: number): void {
    this.hours = this.hours.filter((_, i) => i !== index);
  }

  /** Which of the slots known now would match the filter being edited. */
  preview(slots: readonly Slot[], now: Date): Slot[] {
    if (this.filterErrors.length > 0) return [];
    return matchingSlots(slots, this.filter, now);
  }

  /** Adds or updates the watch; resolves to the saved watch, or undefined with `saveError` set. */
  async save(): Promise<Watch | undefined> {
    const bookingUrl = this.finalUrl;
    if (!bookingUrl || this.filterErrors.length > 0) return undefined;
    this.saving = true;
    this.saveError = undefined;
    const intervalMs = this.intervalMinutes === null ? undefined : this.intervalMinutes * 60_000;
    const label = this.label.trim();
    try {
      if (this.editingId === undefined) {
        return await this.api.addWatch({
          bookingUrl,
          filter: this.filter,
          ...(intervalMs !== undefined ? { intervalMs } : {}),
          ...(label ? { label } : {}),
        });
      }
      // Only what changed: a new URL or filter makes the engine start its slot picture afresh.
      const before = this.original!;
      const patch: Parameters<AmbiSlotApi['updateWatch']>[0]['patch'] = {};
      if (bookingUrl !== before.bookingUrl) patch.bookingUrl = bookingUrl;
      if (!sameFilter(this.filter, before.filter)) patch.filter = this.filter;
      if (intervalMs !== before.intervalMs) patch.intervalMs = intervalMs ?? null;
      if (label !== (before.label ?? '')) patch.label = label || null;
      if (this.enabled !== before.enabled) patch.enabled = this.enabled;
      return await this.api.updateWatch({ id: this.editingId, patch });
    } catch (error) {
      this.saveError = messageOf(error);
      return undefined;
    } finally {
      this.saving = false;
    }
  }
}
