/** The window's live picture of main: snapshot, settings, which slots are new, and the actions on watches. */
import type { AmbiSlotApi, SettingsView } from '../../../shared/ipc-contract';
import { isConclusive } from '../../../shared/model';
import type { AppSnapshot, Slot, Watch, WatchStatus } from '../../../shared/model';
import { messageOf } from '../api';
import { slotKeyOf } from '../format/slot-days';

export interface Notice {
  tone: 'error' | 'info';
  text: string;
}

/** The slots to show for a watch and whether they are older than the last check. */
export interface ShownSlots {
  slots: Slot[];
  /** The last check could not read the calendar; these come from the last one that could (unknown is not empty). */
  fromLastSuccess: boolean;
}

export function shownSlots(status: WatchStatus): ShownSlots {
  const outcome = status.outcome;
  if (outcome && isConclusive(outcome.status)) return { slots: outcome.slots, fromLastSuccess: false };
  return { slots: status.slots, fromLastSuccess: outcome !== undefined && status.slots.length > 0 };
}

export interface AppStateOptions {
  /** Milliseconds between two redraws of relative times ("in 3 min"). */
  tickMs?: number;
  now?: () => number;
}

export class AppState {
  snapshot = $state<AppSnapshot | undefined>(undefined);
  settings = $state<SettingsView | undefined>(undefined);
  /** Set when the first load failed: the window cannot show anything true. */
  loadError = $state<string | undefined>(undefined);
  notice = $state<Notice | undefined>(undefined);
  /** Watches whose "check now" is in flight (the engine also says `checking` once the check starts). */
  checkRequested = $state<Record<string, boolean>>({});
  /** Per watch, keys of slots that appeared after the window first saw the watch's calendar. */
  newSlotKeys = $state<Record<string, string[]>>({});
  now = $state(Date.now());

  private readonly clock: () => number;
  private readonly tickMs: number;
  // Not rune state: only what `newSlotKeys` derives from it is drawn.
  private readonly knownSlotKeys = new Map<string, Set<string>>();
  private stopFns: (() => void)[] = [];

  constructor(
    private readonly api: AmbiSlotApi,
    options: AppStateOptions = {},
  ) {
    this.clock = options.now ?? (() => Date.now());
    this.tickMs = options.tickMs ?? 15_000;
    this.now = this.clock();
  }

  /** Subscribes before the first read, so no snapshot sent in between is lost. */
  async start(): Promise<void> {
    this.stopFns.push(this.api.onSnapshot((snapshot) => this.applySnapshot(snapshot)));
    const timer = setInterval(() => (this.now = this.clock()), this.tickMs);
    this.stopFns.push(() => clearInterval(timer));
    try {
      const [snapshot, settings] = await Promise.all([this.api.getSnapshot(), this.api.getSettings()]);
      // A pushed snapshot may already be newer than the one asked for; keep the newer.
      if (!this.snapshot || this.snapshot.at <= snapshot.at) this.applySnapshot(snapshot);
      this.settings = settings;
    } catch (error) {
      this.loadError = messageOf(error);
    }
  }

  stop(): void {
    for (const stop of this.stopFns.splice(0)) stop();
  }

  applySnapshot(snapshot: AppSnapshot): void {
    this.now = this.clock();
    this.trackNewSlots(snapshot);
    this.snapshot = snapshot;
  }

  watchEntry(id: string): { watch: Watch; status: WatchStatus } | undefined {
    return this.snapshot?.watches.find((entry) => entry.watch.id === id);
  }

  isChecking(id: string): boolean {
    return this.checkRequested[id] === true || this.watchEntry(id)?.status.state === 'checking';
  }

  newKeysOf(id: string): ReadonlySet<string> {
    return new Set(this.newSlotKeys[id] ?? []);
  }

  markSeen(id: string): void {
    const { [id]: _dropped, ...rest } = this.newSlotKeys;
    this.newSlotKeys = rest;
  }

  /** After a new filter or URL the calendar read differs; its slots are not "new" for that reason. */
  forgetBaseline(id: string): void {
    this.knownSlotKeys.delete(id);
    this.markSeen(id);
  }

  async checkNow(id: string): Promise<void> {
    this.checkRequested = { ...this.checkRequested, [id]: true };
    try {
      await this.api.checkNow({ id });
    } catch (error) {
      this.notice = { tone: 'error', text: messageOf(error) };
    } finally {
      const { [id]: _done, ...rest } = this.checkRequested;
      this.checkRequested = rest;
    }
  }

  /** Hands the URL to main's external-link door; says why when the door refused it. */
  async book(url: string): Promise<{ opened: boolean; reason?: string }> {
    try {
      const result = await this.api.openBookingPage({ url });
      if (!result.opened) this.notice = { tone: 'error', text: result.reason };
      return result.opened ? { opened: true } : { opened: false, reason: result.reason };
    } catch (error) {
      const reason = messageOf(error);
      this.notice = { tone: 'error', text: reason };
      return { opened: false, reason };
    }
  }

  async setPaused(paused: boolean, id?: string): Promise<void> {
    await this.run(() =>
      paused ? this.api.pause(id ? { id } : undefined) : this.api.resume(id ? { id } : undefined),
    );
    await this.refresh();
  }

  async removeWatch(id: string): Promise<void> {
    await this.run(() => this.api.removeWatch({ id }));
    this.forgetBaseline(id);
    await this.refresh();
  }

  async refresh(): Promise<void> {
    await this.run(async () => this.applySnapshot(await this.api.getSnapshot()));
  }

  async reloadSettings(): Promise<void> {
    await this.run(async () => {
      this.settings = await this.api.getSettings();
    });
  }

  private async run(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.notice = { tone: 'error', text: messageOf(error) };
    }
  }

  private trackNewSlots(snapshot: AppSnapshot): void {
    let changed = false;
    const next = { ...this.newSlotKeys };
    for (const { watch, status } of snapshot.watches) {
      const outcome = status.outcome;
      // Only a calendar actually read says what is there; an unknown outcome adds nothing new.
      if (!outcome || !isConclusive(outcome.status)) continue;
      const keys = outcome.slots.map(slotKeyOf);
      const known = this.knownSlotKeys.get(watch.id);
      if (!known) {
        // The first calendar the window sees is the baseline: nothing in it is "new" to the person yet.
        this.knownSlotKeys.set(watch.id, new Set(keys));
        continue;
      }
      const fresh = keys.filter((key) => !known.has(key));
      if (fresh.length === 0) continue;
      for (const key of fresh) known.add(key);
      next[watch.id] = [...(next[watch.id] ?? []), ...fresh];
      changed = true;
    }
    if (changed) this.newSlotKeys = next;
  }
}
