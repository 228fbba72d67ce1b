// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeysmithApi } from '../../electron/shared/ipc/api';
import type { IpcResult } from '../../electron/shared/ipc/result';
import { generateKeyPairSync } from 'node:crypto';
import { detailsOf, isKeysmithError } from '../../electron/core/errors';
import type { Integration } from '../../electron/shared/integration';
import { readRsaPrivateKey } from '../../electron/core/keys/private-key-import';
import { findKeyPair, removeKeyPair } from '../../electron/core/keys/keypair-store';
import type { StoredKeyPair } from '../../electron/shared/stored-keypair';
import { DOCUMENT_SCHEMA, type VaultDocument } from '../../electron/core/vault-document';
import { appMessage } from '../../renderer/src/errors/nextStep';
import { KeypairPanel } from '../../renderer/src/keys/KeypairPanel';
import { createFakeKeys, fingerprint, GENERATED, keyPair, type KeyPair } from './fake-keys';

afterEach(cleanup);

const NAME = 'AEM prod';
const OLD = fingerprint('E1', 'CD');

function mount(initial: KeyPair[] = []) {
  const fake = createFakeKeys(initial);
  const api = { keypairs: fake.keypairs, on: vi.fn(() => () => {}) } as unknown as KeysmithApi;
  const onChanged = vi.fn();
  render(<KeypairPanel api={api} name={NAME} onChanged={onChanged} />);
  return { ...fake, onChanged };
}

/** One fingerprint form everywhere: the short one shown, the full one in its title. */
function expectFingerprint(el: HTMLElement, full: string) {
  expect(el.textContent).toBe(`${full.replace(/:/g, '').slice(0, 8)}…`);
  expect(el.getAttribute('title')).toBe(full);
}

const row = (fp: string) => screen.getByTestId(`key-${fp.replace(/:/g, '').slice(0, 8)}`);

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('KeypairPanel', () => {
  it('generates a key with the chosen size, validity and subject, shows it busy, then its fingerprint and expiry', async () => {
    const fake = mount();
    await screen.findByText(/No key yet/);
    const size = screen.getByLabelText('Key size') as HTMLSelectElement;
    expect(size.value).toBe('2048');
    expect([...size.options].map((o) => o.value)).toEqual(['2048', '3072', '4096']);
    const days = screen.getByLabelText('Valid for (days)') as HTMLInputElement;
    expect(days.value).toBe('365');
    expect(screen.getByText(/1 to 3650 days/)).toBeTruthy();

    fireEvent.change(size, { target: { value: '4096' } });
    fireEvent.change(days, { target: { value: '730' } });
    fireEvent.change(screen.getByLabelText('Common name (CN)'), { target: { value: 'AEM prod signer' } });
    fireEvent.change(screen.getByLabelText('Country (C)'), { target: { value: 'de' } });

    const pending = deferred<IpcResult<KeyPair>>();
    const real = fake.keypairs.generate.getMockImplementation()!;
    fake.keypairs.generate.mockImplementationOnce(async (req) => {
      const answer = await real(req);
      return pending.promise.then(() => answer);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const busyButton = await screen.findByRole('button', { name: 'Generating…' });
    expect((busyButton as HTMLButtonElement).disabled).toBe(true);
    // A second press while busy must not start a second key.
    fireEvent.click(busyButton);
    expect(fake.keypairs.generate).toHaveBeenCalledTimes(1);
    await act(async () => pending.resolve({ ok: true, value: {} as KeyPair }));

    expect(fake.keypairs.generate).toHaveBeenCalledWith({ name: NAME, bits: 4096, days: 730, subject: { CN: 'AEM prod signer', C: 'DE' } });
    expectFingerprint(await screen.findByTestId('new-key-fingerprint'), GENERATED[0]!);
    expect(screen.getByTestId('new-key-expiry').textContent).toBe('2028-05-31 (729 days left)');
    expect(within(row(GENERATED[0]!)).getByText('active')).toBeTruthy();
    expect(within(row(GENERATED[0]!)).getByText('4096 bits, generated')).toBeTruthy();
    expect(fake.onChanged).toHaveBeenCalledTimes(1);
  });

  it('sends no subject when none is given, shows the upload instructions, and asks the API to save the certificate', async () => {
    const fake = mount();
    fireEvent.click(await screen.findByRole('button', { name: 'Generate' }));
    await screen.findByTestId('new-key-fingerprint');
    expect(fake.keypairs.generate).toHaveBeenCalledWith({ name: NAME, bits: 2048, days: 365 });

    const notice = screen.getByRole('region', { name: 'New key' });
    expect(notice.textContent).toContain('Upload public key');
    expect(notice.textContent).toContain('Service Account (JWT)');
    fireEvent.click(within(notice).getByRole('button', { name: 'Save certificate…' }));
    expect((await within(notice).findByText(/Saved to/)).textContent).toBe('Saved to /home/me/AEM-prod-7b7a1856.crt');
    expect(fake.keypairs.saveCertificate).toHaveBeenCalledWith({ name: NAME, fingerprint: GENERATED[0] });
  });

  it('changes nothing when the save dialog is cancelled', async () => {
    const fake = mount([keyPair(OLD, { active: true })]);
    fake.keypairs.saveCertificate.mockResolvedValueOnce({ ok: true, value: { saved: false } });
    await screen.findByTestId('key-E1CDCDCD');
    fireEvent.click(within(row(OLD)).getByRole('button', { name: 'Save certificate…' }));
    await waitFor(() => expect(fake.keypairs.saveCertificate).toHaveBeenCalledTimes(1));
    expect(screen.queryByText(/Saved to/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fake.onChanged).not.toHaveBeenCalled();
  });

  it('validates validity and country as you type and will not generate until they are fixed', async () => {
    const fake = mount();
    const days = (await screen.findByLabelText('Valid for (days)')) as HTMLInputElement;
    const generate = screen.getByRole('button', { name: 'Generate' }) as HTMLButtonElement;

    fireEvent.change(days, { target: { value: '4000' } });
    expect(days.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(days.getAttribute('aria-describedby')!.split(' ').pop()!)!;
    expect(message.textContent).toBe('Enter a whole number of days from 1 to 3650');
    expect(generate.disabled).toBe(true);

    fireEvent.change(days, { target: { value: '90' } });
    expect(days.getAttribute('aria-invalid')).toBeNull();
    const country = screen.getByLabelText('Country (C)');
    fireEvent.change(country, { target: { value: 'D1' } });
    expect(country.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Country must be a two-letter code, e.g. US or DE')).toBeTruthy();
    fireEvent.submit(generate.closest('form')!);
    expect(fake.keypairs.generate).not.toHaveBeenCalled();
  });

  it('shows expiry, days left and the active, expiring and expired marks, with the full fingerprint in a title', async () => {
    const soon = fingerprint('5A');
    const gone = fingerprint('9F');
    mount([keyPair(OLD, { active: true, daysLeft: 200 }), keyPair(soon, { daysLeft: 12 }), keyPair(gone, { daysLeft: -3 })]);
    await screen.findByTestId('key-E1CDCDCD');
    expect(within(row(OLD)).getByText('active')).toBeTruthy();
    expect(within(row(OLD)).queryByText(/expir(ing|ed)$/)).toBeNull();
    expect(within(row(OLD)).getByText('E1CDCDCD…').getAttribute('title')).toBe(OLD);
    expect(row(OLD).textContent).toContain('Expires 2027-01-01 (200 days left)');
    expect(within(row(soon)).getByText('expiring')).toBeTruthy();
    expect(row(soon).textContent).toContain('(12 days left)');
    expect(within(row(gone)).getByText('expired')).toBeTruthy();
    expect(row(gone).textContent).toContain('(expired 3 days ago)');
  });

  it('rotates: the new key is added beside the old one, which stays active until "Make active"', async () => {
    const fake = mount([keyPair(OLD, { active: true })]);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate: generate a new key…' }));
    expect(screen.getByRole('heading', { name: 'Rotate: generate a new key' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await screen.findByTestId('new-key-fingerprint');

    expect(screen.getAllByRole('listitem').filter((li) => li.classList.contains('key-row'))).toHaveLength(2);
    expect(within(row(OLD)).getByText('active')).toBeTruthy();
    expect(within(row(GENERATED[0]!)).queryByText('active')).toBeNull();
    expect(screen.getByRole('region', { name: 'New key' }).textContent).toContain('not active yet');
    expect(fake.keypairs.remove).not.toHaveBeenCalled();

    fireEvent.click(within(row(GENERATED[0]!)).getByRole('button', { name: 'Make active' }));
    expect((await screen.findByText(/is now active/)).textContent).toBe('Key 7BABABAB is now active: tokens are signed with it.');
    expect(fake.keypairs.setActive).toHaveBeenCalledWith({ name: NAME, fingerprint: GENERATED[0] });
    await waitFor(() => expect(within(row(GENERATED[0]!)).getByText('active')).toBeTruthy());
    expect(within(row(OLD)).queryByText('active')).toBeNull();
    expect(within(row(OLD)).getByRole('button', { name: 'Make active' })).toBeTruthy();
    expect(fake.onChanged).toHaveBeenCalledTimes(2);
  });

  it('asks inline before removing, shows a refusal to remove the active key in app words, and removes an inactive one', async () => {
    const other = fingerprint('03', '11');
    const fake = mount([keyPair(OLD, { active: true }), keyPair(other)]);
    await screen.findByTestId('key-E1CDCDCD');
    const confirmSpy = vi.spyOn(window, 'confirm');

    fireEvent.click(within(row(OLD)).getByRole('button', { name: 'Remove' }));
    const ask = within(row(OLD)).getByRole('group', { name: 'Confirm removing key E1CDCDCD' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep it' }));
    expect(within(row(OLD)).queryByRole('group')).toBeNull();
    expect(fake.keypairs.remove).not.toHaveBeenCalled();

    fireEvent.click(within(row(OLD)).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(row(OLD)).getByRole('button', { name: 'Remove it' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`${OLD} is the active key of "${NAME}"`);
    expect(alert.textContent).toContain('make another key active first ("Make active")');
    expect(alert.textContent).not.toContain('keysmith');
    expect(screen.getByTestId('key-E1CDCDCD')).toBeTruthy();
    expect(fake.onChanged).not.toHaveBeenCalled();

    fireEvent.click(within(row(other)).getByRole('button', { name: 'Remove' }));
    fireEvent.click(within(row(other)).getByRole('button', { name: 'Remove it' }));
    expect((await screen.findByRole('status')).textContent).toBe('Key 03111111 removed.');
    expect(fake.keypairs.remove).toHaveBeenLastCalledWith({ name: NAME, fingerprint: other });
    expect(screen.queryByTestId('key-03111111')).toBeNull();
    expect(fake.current()).toHaveLength(1);
    expect(fake.onChanged).toHaveBeenCalledTimes(1);
    expect(confirmSpy).not.toHaveBeenCalled();
  });

  it('asks for the passphrase of an encrypted key and retries the import with it', async () => {
    const fake = mount();
    const imported = keyPair(fingerprint('AA', '22'), { origin: 'imported', active: true });
    fake.keypairs.import
      .mockResolvedValueOnce({ ok: false, error: { code: 'invalid_input', message: 'This key is encrypted: give its passphrase with --passphrase-stdin', field: 'passphrase' } })
      .mockResolvedValueOnce({ ok: false, error: { code: 'invalid_input', message: 'Could not decrypt this key: the passphrase is wrong', field: 'passphrase' } })
      .mockImplementationOnce(async () => ({ ok: true, value: { imported: true, key: fake.add(imported), certificateGenerated: true } }));

    fireEvent.click(await screen.findByRole('button', { name: 'Import a key…' }));
    const field = (await screen.findByLabelText('Key passphrase')) as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(fake.keypairs.import).toHaveBeenLastCalledWith({ name: NAME, source: 'dialog' });
    expect(document.body.textContent).not.toContain('--passphrase-stdin');
    expect(document.body.textContent).toContain('This key is encrypted. Enter its passphrase');

    fireEvent.change(field, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Choose the file and import' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(fake.keypairs.import).toHaveBeenLastCalledWith({ name: NAME, source: 'dialog', passphrase: 'wrong' });
    expect(screen.getByText('Could not decrypt this key: the passphrase is wrong')).toBeTruthy();

    fireEvent.change(field, { target: { value: 'right one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Choose the file and import' }));
    expectFingerprint(await screen.findByTestId('new-key-fingerprint'), imported.fingerprintSha256);
    expect(fake.keypairs.import).toHaveBeenLastCalledWith({ name: NAME, source: 'dialog', passphrase: 'right one' });
    expect(screen.queryByLabelText('Key passphrase')).toBeNull();
    expect(screen.getByRole('region', { name: 'New key' }).textContent).toContain('Key imported. It came without a certificate, so Keysmith made one.');
    expect(within(row(imported.fingerprintSha256)).getByText('2048 bits, imported')).toBeTruthy();
    expect(fake.onChanged).toHaveBeenCalledTimes(1);
  });

  it('changes nothing when the import dialog is cancelled', async () => {
    const fake = mount([keyPair(OLD, { active: true })]);
    await screen.findByTestId('key-E1CDCDCD');
    const listCalls = fake.keypairs.list.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Import a key…' }));
    await waitFor(() => expect(fake.keypairs.import).toHaveBeenCalledTimes(1));
    await act(async () => {});
    expect(screen.queryByRole('region', { name: 'New key' })).toBeNull();
    expect(screen.queryByLabelText('Key passphrase')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fake.keypairs.list.mock.calls.length).toBe(listCalls);
    expect(fake.onChanged).not.toHaveBeenCalled();
  });
});

/** What core throws for `run`, as the IPC layer passes it on. */
function coreError(run: () => unknown) {
  try {
    run();
  } catch (err) {
    if (isKeysmithError(err)) return { code: err.code, message: err.message, ...detailsOf(err) };
    throw err;
  }
  throw new Error('expected core to refuse');
}

describe('errors as data', () => {
  it('core says what happened and names the action; the app words the step with no CLI wording', () => {
    const stored = (id: string, fp: string, active: boolean) => ({ id, fingerprintSha256: fp, active }) as StoredKeyPair;
    const integration = { kind: 'jwt', name: NAME, keys: [stored('a', OLD, true), stored('b', fingerprint('03'), false)] } as unknown as Integration;
    const doc: VaultDocument = { schema: DOCUMENT_SCHEMA, integrations: [integration, { ...integration, name: 'empty', keys: [] }] };
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' },
    });

    const refused = coreError(() => removeKeyPair(doc, NAME, OLD));
    const encrypted = coreError(() => readRsaPrivateKey(privateKey));
    const noKeys = coreError(() => findKeyPair(doc.integrations[1]!));
    expect([refused.action, encrypted.action, noKeys.action]).toEqual(['use_other_key', 'key_passphrase', 'generate_key']);
    expect(encrypted.field).toBe('passphrase');
    expect(noKeys.integration).toBe('empty');
    for (const error of [refused, encrypted, noKeys]) {
      expect(error.message).not.toMatch(/keysmith|--|`/);
      expect(appMessage(error)).not.toMatch(/keysmith|--|`/);
    }
    expect(appMessage(refused)).toBe(`${OLD} is the active key of "${NAME}": make another key active first ("Make active"), then remove this one`);
    expect(appMessage(encrypted)).toBe('This key is encrypted: enter its passphrase below, then choose the file again');
  });

  it('leaves a message without an action as main said it', () => {
    expect(appMessage({ code: 'invalid_input', message: 'Could not decrypt this key: the passphrase is wrong' })).toBe('Could not decrypt this key: the passphrase is wrong');
  });
});
