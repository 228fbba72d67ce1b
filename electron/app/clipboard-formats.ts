/**
 * How each OS is told "this clipboard entry is a secret: keep it out of history and sync". Clipboard
 * managers that honour these (Klipper, CopyQ, Maccy, Windows clipboard history and cloud clipboard)
 * then neither store nor forward the copied token.
 */
export interface ConcealedMarker {
  format: string;
  value: string;
}

export function concealedMarker(platform: NodeJS.Platform): ConcealedMarker | null {
  switch (platform) {
    case 'linux':
      // KDE's convention, also read by CopyQ, wl-clipboard and most Linux clipboard managers.
      return { format: 'x-kde-passwordManagerHint', value: 'secret' };
    case 'darwin':
      // nspasteboard.org: presence of the type is the marker; its data is not read.
      return { format: 'org.nspasteboard.ConcealedType', value: '' };
    case 'win32':
      // Excludes the entry from clipboard history, cloud clipboard and clipboard monitors.
      return { format: 'ExcludeClipboardContentFromMonitorProcessing', value: '' };
    default:
      return null;
  }
}

/** Electron 45's MIME for a raw OS clipboard format inside a ClipboardItem. */
export function osClipboardMime(format: string): string {
  return `electron application/osclipboard;format="${format}"`;
}
