/** The settings the app runs with: one current copy in memory, changes saved in order, listeners told after each save. */
import type { Settings } from '../../shared/settings';
import type { SettingsNotice, SettingsRepository } from './settings-repository';

export interface SettingsService {
  get(): Settings;
  /** Applies `change` to a copy, saves it, then makes it current; a failed save changes nothing. */
  update(change: (draft: Settings) => void): Promise<Settings>;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
  /** What the person must be told (a restored file, secrets stored plainly); each notice is given once. */
  takeNotices(): SettingsNotice[];
}

export function createSettingsService(
  repository: SettingsRepository,
  initial: Settings,
  initialNotices: SettingsNotice[] = [],
): SettingsService {
  let current = structuredClone(initial);
  let notices = [...initialNotices];
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();
  return {
    get: () => structuredClone(current),
    update(change) {
      const run = queue.then(async () => {
        const draft = structuredClone(current);
        change(draft);
        notices.push(...(await repository.save(draft)));
        const previous = current;
        current = draft;
        for (const listener of listeners) {
          try {
            listener(structuredClone(current), previous);
          } catch {
            // One failing consumer (tray, login item) must not undo a save that already happened.
          }
        }
        return structuredClone(current);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    takeNotices() {
      const taken = notices;
      notices = [];
      return taken;
    },
  };
}
