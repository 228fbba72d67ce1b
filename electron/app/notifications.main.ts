/** Desktop notifications, where the OS has them; the text never holds a secret (see notification-policy). */
import { Notification } from 'electron';
import type { Notice } from './notification-policy';

export function showNotice(notice: Notice, onClick?: () => void): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title: notice.title, body: notice.body, silent: false });
  if (onClick) n.on('click', onClick);
  n.show();
}
