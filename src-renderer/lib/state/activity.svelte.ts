/** The Activity view's list: what main remembers at open, then every entry it pushes; newest first, bounded. */
import type { ActivityEntry, AmbiSlotApi } from '../../../shared/ipc-contract';
import { messageOf } from '../api';

export const ACTIVITY_SHOWN = 200;

export class ActivityState {
  entries = $state<ActivityEntry[]>([]);
  error = $state<string | undefined>(undefined);
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly api: AmbiSlotApi,
    private readonly limit = ACTIVITY_SHOWN,
  ) {}

  async start(): Promise<void> {
    // Subscribed first; ids make the pushed and the listed entries merge without duplicates.
    this.unsubscribe = this.api.onActivity((entry) => this.merge([entry]));
    try {
      this.merge(await this.api.getActivity());
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  merge(incoming: readonly ActivityEntry[]): void {
    const byId = new Map(this.entries.map((entry) => [entry.id, entry]));
    for (const entry of incoming) byId.set(entry.id, entry);
    this.entries = [...byId.values()].sort((a, b) => b.id - a.id).slice(0, this.limit);
  }
}
