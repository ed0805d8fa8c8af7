/** "Send test alert": one real delivery on one channel, no retries, no quiet hours, and its real result. */
import { validateChannelSettings } from '../../../shared/alert-settings';
import type { AlertChannelName, AlertSettings, AlertSettingsIssue } from '../../../shared/alert-settings';
import type { ActivityLog } from '../activity-log';
import { asDeliveryError } from './alert-channel';
import { testAlert } from './alert';
import { renderAlert } from './alert-messages';
import { createAlertChannel, machineTimeZone } from './channel-factory';
import type { ChannelDependencies } from './channel-factory';

export type TestAlertResult =
  | { ok: true; channel: AlertChannelName; alertId: string; durationMs: number }
  | {
      ok: false;
      channel: AlertChannelName;
      /** `invalid-settings`: nothing was sent, `issues` says what to fix; `delivery`: the server said no. */
      kind: 'invalid-settings' | 'delivery';
      issues?: AlertSettingsIssue[];
      serverReply?: string;
      hint?: string;
      retryable?: boolean;
    };

export interface TestAlertOptions extends Partial<ChannelDependencies> {
  desktopNotifier: ChannelDependencies['desktopNotifier'];
  /** Defaults to the real time; a test may pin it. */
  now?: () => Date;
  /** Recorded there (marked `test`) when given, so the window lists test alerts with the real ones. */
  activityLog?: ActivityLog;
  /** The whole attempt; past it, the result is a failure saying so. Default 30 s. */
  timeoutMs?: number;
}

export const DEFAULT_TEST_ALERT_TIMEOUT_MS = 30_000;

/**
 * Sends a test alert on `channel` with `settings` as they are (enabled or not: the person is checking them
 * before switching the channel on). Never throws for a delivery problem: the result carries the server's reply.
 */
export async function sendTestAlert(
  channel: AlertChannelName,
  settings: AlertSettings,
  options: TestAlertOptions,
): Promise<TestAlertResult> {
  const issues = validateChannelSettings(settings, channel);
  if (issues.length > 0) return { ok: false, channel, kind: 'invalid-settings', issues };
  const now = options.now ?? (() => new Date());
  const userTimeZone = options.userTimeZone ?? machineTimeZone();
  const alert = testAlert(now());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_ALERT_TIMEOUT_MS;
  const sender = createAlertChannel(channel, settings, { ...options, userTimeZone, timeoutMs });
  const started = Date.now();
  const record = (step: {
    outcome: 'delivered' | 'failed';
    retryable?: boolean;
    serverReply?: string;
    hint?: string;
  }) =>
    options.activityLog?.record({
      type: 'delivery',
      at: now().toISOString(),
      channel,
      alertId: alert.id,
      alertKind: alert.kind,
      title: renderAlert(alert, { language: settings.language, userTimeZone }).title,
      attempt: 1,
      test: true,
      ...step,
    });
  try {
    await sender.send(alert, AbortSignal.timeout(timeoutMs));
    record({ outcome: 'delivered' });
    return { ok: true, channel, alertId: alert.id, durationMs: Date.now() - started };
  } catch (raw) {
    const error = asDeliveryError(channel, raw);
    record({
      outcome: 'failed',
      retryable: error.retryable,
      serverReply: error.serverReply,
      ...(error.hint ? { hint: error.hint } : {}),
    });
    return {
      ok: false,
      channel,
      kind: 'delivery',
      serverReply: error.serverReply,
      retryable: error.retryable,
      ...(error.hint ? { hint: error.hint } : {}),
    };
  }
}
