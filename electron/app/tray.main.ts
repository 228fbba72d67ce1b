/** The tray icon and its menu; the menu's content is tray-menu.ts's, rebuilt on lock, unlock and settings changes. */
import { Menu, Tray, nativeImage } from 'electron';
import { TRAY_ICON_16_PNG_BASE64, TRAY_ICON_32_PNG_BASE64 } from './tray-icon';
import { trayMenuTemplate, type FavoriteEntry, type TrayActions } from './tray-menu';

function trayImage() {
  const image = nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_16_PNG_BASE64, 'base64'), { scaleFactor: 1 });
  image.addRepresentation({ scaleFactor: 2, buffer: Buffer.from(TRAY_ICON_32_PNG_BASE64, 'base64') });
  return image;
}

export class KeysmithTray {
  private readonly tray: Tray;

  constructor(private readonly actions: TrayActions) {
    this.tray = new Tray(trayImage());
    this.tray.setToolTip('Keysmith');
    this.update(false, []);
  }

  update(unlocked: boolean, favorites: readonly FavoriteEntry[]): void {
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate({ unlocked, favorites, platform: process.platform, actions: this.actions })));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
