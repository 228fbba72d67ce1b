import { Menu } from 'electron';
import { appMenuTemplate, type MenuActions } from './app-menu';

export function installAppMenu(devTools: boolean, actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, devTools, actions })));
}
