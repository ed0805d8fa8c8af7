/** The preload: contextBridge only. Exposes window.ambislot with one named verb per contract channel; never ipcRenderer itself. */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { INVOKE_CHANNELS, eventWireName, invokeWireName } from '../../shared/ipc-contract';
import type {
  AmbiSlotApi,
  EVENT_CHANNELS,
  EventChannel,
  EventPayloads,
  InvokeChannel,
  IpcResult,
} from '../../shared/ipc-contract';

async function call(channel: InvokeChannel, request: unknown): Promise<unknown> {
  const result = (await ipcRenderer.invoke(invokeWireName(channel), request)) as IpcResult<unknown>;
  if (result.ok) return result.value;
  const error = new Error(result.error.message);
  error.name = result.error.code;
  throw error;
}

function subscribe<E extends EventChannel>(
  channel: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  // The page's listener never sees Electron's event object (it carries `sender`, an IPC handle).
  const wrapped = (_event: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload);
  ipcRenderer.on(eventWireName(channel), wrapped);
  return () => {
    ipcRenderer.removeListener(eventWireName(channel), wrapped);
  };
}

const verbs = Object.fromEntries(
  INVOKE_CHANNELS.map((channel) => [channel, (request?: unknown) => call(channel, request)]),
);
const events = {
  onSnapshot: (listener: (payload: EventPayloads['snapshot']) => void) => subscribe('snapshot', listener),
  onActivity: (listener: (payload: EventPayloads['activity']) => void) => subscribe('activity', listener),
} satisfies Record<`on${Capitalize<(typeof EVENT_CHANNELS)[number]>}`, unknown>;

const api = { ...verbs, ...events } as AmbiSlotApi;
contextBridge.exposeInMainWorld('ambislot', api);
