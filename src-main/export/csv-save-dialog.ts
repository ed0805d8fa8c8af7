/** The thin Electron part of "Export CSV": the system save dialog, then an atomic write where the person chose. */
import type { BrowserWindow, Dialog } from 'electron';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/storage/atomic-file';
import type { CsvSaver } from '../ipc/history-handlers';

export interface CsvSaveDialogDeps {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** The window the dialog belongs to (modal to it), when there is one. */
  window: () => BrowserWindow | undefined;
  /** Where the dialog opens: the Downloads folder. */
  defaultDir: () => string;
  title: () => string;
}

export function csvSaveDialog(deps: CsvSaveDialogDeps): CsvSaver {
  return async (suggestedName, text) => {
    const options = {
      title: deps.title(),
      defaultPath: join(deps.defaultDir(), suggestedName),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as (
        'createDirectory' | 'showOverwriteConfirmation'
      )[],
    };
    const window = deps.window();
    const choice = window
      ? await deps.dialog.showSaveDialog(window, options)
      : await deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return undefined;
    await writeFileAtomic(choice.filePath, text);
    return choice.filePath;
  };
}
