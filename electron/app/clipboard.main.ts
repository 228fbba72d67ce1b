/**
 * Electron's clipboard behind the ClipboardPort of app/clipboard-policy. The text and the OS's
 * "concealed" marker go in one ClipboardItem, so they are committed together: two writes would each
 * replace the clipboard, and the second would drop the first.
 */
import { ClipboardItem, clipboard } from 'electron';
import type { ClipboardPort } from './clipboard-policy';
import { concealedMarker, osClipboardMime } from './clipboard-formats';

export function electronClipboardPort(log: (message: string, err?: unknown) => void): ClipboardPort {
  const marker = concealedMarker(process.platform);
  return {
    readText: () => clipboard.readText(),
    writeSecret: async (text) => {
      if (marker) {
        try {
          await clipboard.write([new ClipboardItem({ 'text/plain': text, [osClipboardMime(marker.format)]: new Blob([marker.value]) })]);
          return;
        } catch (err) {
          // An OS that refuses the custom format still gets the copy, just without the marker.
          log('could not mark the copy as concealed; copied as plain text', err);
        }
      }
      await clipboard.writeText(text);
    },
    writeText: (text) => clipboard.writeText(text),
    clear: () => clipboard.clear(),
  };
}
