/** The Settings view's draft: edited freely, saved in one call, with "detect browser" and "send test alert" results. */
import type { AlertChannelName, QuietHours } from '../../../shared/alert-settings';
import type {
  AmbiSlotApi,
  BrowserDetection,
  SettingsView,
  TestAlertResult,
} from '../../../shared/ipc-contract';
import { MIN_INTERVAL_MS } from '../../../shared/settings';
import { messageOf } from '../api';

export const INTERVAL_FLOOR_MIN = MIN_INTERVAL_MS / 60_000;

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export type TestState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; result: TestAlertResult }
  | { kind: 'error'; message: string };

export type DetectState =
  | { kind: 'idle' }
  | { kind: 'detecting' }
  | { kind: 'done'; result: BrowserDetection }
  | { kind: 'error'; message: string };

const DEFAULT_QUIET_HOURS: QuietHours = { from: '22:00', to: '07:00' };

export class SettingsForm {
  draft = $state<SettingsView>() as SettingsView;
  intervalMinutes = $state(3);
  /** The e-mail recipients as typed (a list in the settings). */
  emailTo = $state('');
  saveState = $state<SaveState>({ kind: 'idle' });
  tests = $state<Record<AlertChannelName, TestState>>({
    desktop: { kind: 'idle' },
    email: { kind: 'idle' },
    ntfy: { kind: 'idle' },
    webhook: { kind: 'idle' },
  });
  detection = $state<DetectState>({ kind: 'idle' });
  private saved = $state<string>('');

  readonly intervalError: boolean = $derived(
    !Number.isFinite(this.intervalMinutes) || this.intervalMinutes < INTERVAL_FLOOR_MIN,
  );
  readonly dirty: boolean = $derived(this.serialize() !== this.saved);

  constructor(
    private readonly api: AmbiSlotApi,
    settings: SettingsView,
    private readonly onSaved: (settings: SettingsView) => void = () => {},
  ) {
    this.load(settings);
  }

  load(settings: SettingsView): void {
    // $state.snapshot: a plain copy whether `settings` is plain or another view's rune state.
    this.draft = $state.snapshot(settings) as SettingsView;
    this.intervalMinutes = settings.globalIntervalMs / 60_000;
    this.emailTo = settings.alerts.email.to.join(', ');
    this.saved = this.serialize();
  }

  setQuietHours(channel: AlertChannelName, on: boolean): void {
    this.draft.alerts[channel].quietHours = on ? { ...DEFAULT_QUIET_HOURS } : null;
  }

  /** The request main gets: everything the view edits (watches are not part of it). */
  request(): Parameters<AmbiSlotApi['updateSettings']>[0] {
    const alerts = $state.snapshot(this.draft.alerts);
    alerts.email.to = this.emailTo
      .split(/[,;]/)
      .map((address) => address.trim())
      .filter((address) => address.length > 0);
    // An empty optional header is "no header", not a header with no name.
    if (alerts.webhook.header && !alerts.webhook.header.name && !alerts.webhook.header.value) {
      delete alerts.webhook.header;
    }
    return {
      globalIntervalMs: Math.round(this.intervalMinutes * 60_000),
      language: this.draft.language,
      startAtLogin: this.draft.startAtLogin,
      browserPath: this.draft.browserPath,
      alerts,
    };
  }

  async save(): Promise<boolean> {
    if (this.intervalError) {
      this.saveState = { kind: 'error', message: `interval < ${INTERVAL_FLOOR_MIN} min` };
      return false;
    }
    this.saveState = { kind: 'saving' };
    try {
      const settings = await this.api.updateSettings(this.request());
      this.load(settings);
      this.saveState = { kind: 'saved' };
      this.onSaved(settings);
      return true;
    } catch (error) {
      this.saveState = { kind: 'error', message: messageOf(error) };
      return false;
    }
  }

  /** Main tests the saved settings, so unsaved edits are saved first: the test must try what is shown. */
  async sendTest(channel: AlertChannelName): Promise<void> {
    this.tests[channel] = { kind: 'sending' };
    if (this.dirty && !(await this.save())) {
      const message = this.saveState.kind === 'error' ? this.saveState.message : 'not saved';
      this.tests[channel] = { kind: 'error', message };
      return;
    }
    try {
      this.tests[channel] = { kind: 'done', result: await this.api.sendTestAlert({ channel }) };
    } catch (error) {
      this.tests[channel] = { kind: 'error', message: messageOf(error) };
    }
  }

  async detectBrowser(): Promise<void> {
    this.detection = { kind: 'detecting' };
    try {
      const path = this.draft.browserPath.trim();
      const result = await this.api.detectBrowser(path ? { path } : undefined);
      // The path found is shown, not written in: a blank field keeps meaning "find one at every start".
      this.detection = { kind: 'done', result };
    } catch (error) {
      this.detection = { kind: 'error', message: messageOf(error) };
    }
  }

  private serialize(): string {
    return JSON.stringify(this.request());
  }
}
