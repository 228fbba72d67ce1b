// @vitest-environment jsdom
/**
 * The two inline confirmations (delete an integration, restore the previous vault) behave alike
 * through InlineConfirm: the safe button has focus when they open, the destructive one is styled
 * as such and says what it is doing while busy, Escape cancels, and each says what it will do.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeleteConfirm } from '../../renderer/src/detail/DeleteConfirm';
import { RestoreBackupConfirm } from '../../renderer/src/lock/RestoreBackupConfirm';

afterEach(cleanup);

const cases = [
  {
    what: 'delete',
    render: (busy: boolean, onConfirm: () => void, onCancel: () => void) =>
      render(<DeleteConfirm name="Cloud Manager" hasToken keyCount={2} busy={busy} onConfirm={onConfirm} onCancel={onCancel} />),
    title: 'Delete “Cloud Manager”?',
    text: 'Its 2 keypairs (private keys and certificates) and its cached access token will be deleted with it. This cannot be undone.',
    confirm: 'Delete',
    busy: 'Deleting…',
    cancel: 'Keep it',
  },
  {
    what: 'restore',
    render: (busy: boolean, onConfirm: () => void, onCancel: () => void) =>
      render(<RestoreBackupConfirm busy={busy} canOpen openWith="the passphrase you typed" onConfirm={onConfirm} onCancel={onCancel} />),
    title: 'Restore the previous vault?',
    text: 'The vault goes back to the generation before its last change, so that change is lost. The file that does not open is kept beside it (vault.ksv.damaged-…). The backup is opened with the passphrase you typed.',
    confirm: 'Restore',
    busy: 'Restoring…',
    cancel: 'Cancel',
  },
];

describe.each(cases)('the $what confirmation', (c) => {
  it('opens as an alert dialog titled and described by its text, with the safe button focused', () => {
    c.render(false, vi.fn(), vi.fn());
    const dialog = screen.getByRole('alertdialog', { name: c.title });
    const description = document.getElementById(dialog.getAttribute('aria-describedby')!)!;
    expect(description.textContent?.replace(/\s+/g, ' ')).toBe(c.text);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: c.cancel }));
  });

  it('styles the destructive button as danger and runs it on click; Cancel and Escape cancel', () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    c.render(false, onConfirm, onCancel);
    const destructive = screen.getByRole('button', { name: c.confirm });
    expect(destructive.classList.contains('danger')).toBe(true);
    expect(screen.getByRole('button', { name: c.cancel }).classList.contains('danger')).toBe(false);
    fireEvent.click(destructive);
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: c.cancel }));
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(2);
  });

  it('while busy, says so on the destructive button and disables it', () => {
    c.render(true, vi.fn(), vi.fn());
    expect((screen.getByRole('button', { name: c.busy }) as HTMLButtonElement).disabled).toBe(true);
  });
});

it('restore stays disabled, and says why, until there is something to open the backup with', () => {
  render(<RestoreBackupConfirm busy={false} canOpen={false} openWith="" onConfirm={vi.fn()} onCancel={vi.fn()} />);
  expect((screen.getByRole('button', { name: 'Restore' }) as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByRole('alertdialog').textContent).toContain('Enter the passphrase or the recovery key above first');
});
