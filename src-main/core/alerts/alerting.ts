/** Composes the alert side for a host (shell or CLI): the activity log in the data dir and a dispatcher on the engine. */
import { join } from 'node:path';
import { ActivityLog, ACTIVITY_FILE_NAME } from '../activity-log';
import type { Unsubscribe } from '../engine-events';
import { AlertDispatcher } from './dispatcher';
import type { AlertEventSource, DispatcherOptions } from './dispatcher';

export interface AlertingOptions extends Omit<DispatcherOptions, 'activityLog'> {
  /** The app's data dir; the activity log goes to `activity.jsonl` there. */
  dataDir: string;
  /** Told when the activity file cannot be written (the in-memory log still works). */
  onActivityWriteError?: (error: unknown) => void;
}

export interface Alerting {
  dispatcher: AlertDispatcher;
  activityLog: ActivityLog;
  /** Subscribes the dispatcher to an engine (or any source of its events). */
  attach(source: AlertEventSource): Unsubscribe;
  /** Stops retries and waits for the log to reach the disk. */
  close(): Promise<void>;
}

export async function openAlerting(options: AlertingOptions): Promise<Alerting> {
  const { dataDir, onActivityWriteError, ...dispatcherOptions } = options;
  const activityLog = await ActivityLog.open({
    file: join(dataDir, ACTIVITY_FILE_NAME),
    ...(onActivityWriteError ? { onWriteError: onActivityWriteError } : {}),
  });
  const dispatcher = new AlertDispatcher({ ...dispatcherOptions, activityLog });
  return {
    dispatcher,
    activityLog,
    attach: (source) => dispatcher.attach(source),
    async close() {
      dispatcher.close();
      await activityLog.flush();
    },
  };
}
