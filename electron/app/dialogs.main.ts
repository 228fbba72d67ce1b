/** Native open/save/message dialogs, attached to the main window when there is one. */
import { dialog, type BaseWindow, type MessageBoxOptions, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { ClipboardPolicy } from './clipboard-policy';
import type { Dialogs } from '../ipc/services';

export function electronDialogs(window: () => BaseWindow | null, clipboard: ClipboardPolicy): Dialogs {
  const open = (o: OpenDialogOptions) => {
    const win = window();
    return win ? dialog.showOpenDialog(win, o) : dialog.showOpenDialog(o);
  };
  const save = (o: SaveDialogOptions) => {
    const win = window();
    return win ? dialog.showSaveDialog(win, o) : dialog.showSaveDialog(o);
  };
  const message = (o: MessageBoxOptions) => {
    const win = window();
    return win ? dialog.showMessageBox(win, o) : dialog.showMessageBox(o);
  };

  return {
    async openFiles({ title, filters, multiple }) {
      const result = await open({ title, filters, properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'] });
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },

    async saveFile({ title, defaultName, filters }) {
      const result = await save({ title, defaultPath: defaultName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] });
      return result.canceled || !result.filePath ? null : result.filePath;
    },

    async showRecoveryKey(recoveryKey) {
      const { response } = await message({
        type: 'info',
        title: 'Your recovery key',
        message: 'Store this recovery key somewhere safe, such as a password manager. It is shown only this once.',
        detail: `${recoveryKey}\n\nIt reopens the vault if the OS keychain entry or the passphrase is lost (keysmith recover).`,
        buttons: ['Copy and close', 'Close'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      if (response === 0) await clipboard.copy(recoveryKey);
    },
  };
}
