/** Binds the IPC router to ipcMain: one handler per contract channel, the sender taken from Electron's event. */
import type { IpcMain } from 'electron';
import { INVOKE_CHANNELS, invokeWireName } from '../../shared/ipc-contract';
import type { IpcRouter } from './ipc-router';

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, router: IpcRouter): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(invokeWireName(channel), (event, payload: unknown) =>
      router.dispatch(
        channel,
        {
          webContentsId: event.sender.id,
          frameUrl: event.senderFrame?.url,
          // A sub-frame has a parent; only the window's top document may call.
          isMainFrame: event.senderFrame?.parent === null,
        },
        payload,
      ),
    );
  }
}
