/** The alerts room's public surface, for the shell, the monitor and the CLI. */
export type { ActivityEntry, DeliveryActivity } from '../activity-log';
export { ActivityLog, readActivityFile } from '../activity-log';
export type { Alert, AlertKind, WatchDescription } from './alert';
export { ALERTING_EVENTS, alertFromEvent, testAlert } from './alert';
export type { AlertChannel, DeliveryErrorDetails } from './alert-channel';
export { DeliveryError } from './alert-channel';
export type { AlertMessage, MessageOptions } from './alert-messages';
export { renderAlert, messageText } from './alert-messages';
export type { DesktopNotification, DesktopNotifier } from './desktop-channel';
export { consoleNotifier } from './desktop-channel';
export type { ChannelDependencies } from './channel-factory';
export { createAlertChannel, machineTimeZone } from './channel-factory';
export type { AlertEventSource, ChannelProblem, DispatcherOptions, RetryPolicy } from './dispatcher';
export { AlertDispatcher, DEFAULT_RETRY_POLICY } from './dispatcher';
export type { TestAlertResult, TestAlertOptions } from './test-alert';
export { sendTestAlert } from './test-alert';
export type { Alerting, AlertingOptions } from './alerting';
export { openAlerting } from './alerting';
