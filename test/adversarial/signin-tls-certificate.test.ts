/**
 * The kept loopback certificate against what a disk or another program can do to it: it lapses
 * (re-made), is damaged or swapped for one whose key does not match (re-made), is a symlink or a
 * file others may write (refused, nothing followed), and a flood of TLS garbage or plain http at
 * the listener does not end the wait.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loopbackCertificate, loopbackCertificatePaths } from '../../electron/core/signin/loopback-certificate';
import { listenForRedirect } from '../../electron/core/signin/loopback-listener';
import { tempDataDir } from '../support/cli';

const DAY = 86_400_000;

function home(): string {
  const dir = tempDataDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

describe('the kept loopback certificate', () => {
  it('is made once, 0600, for the loopback names only, and re-made when it lapses', async () => {
    const dir = home();
    const now = new Date();
    const first = await loopbackCertificate(dir, now);
    expect(first.created).toBe(true);
    const { bundle, cert } = loopbackCertificatePaths(dir);
    expect(statSync(bundle).mode & 0o777).toBe(0o600);
    expect(statSync(cert).mode & 0o777).toBe(0o600);
    const x509 = new X509Certificate(first.certPem);
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(x509.ca).toBe(false);
    expect(x509.checkHost('example.com')).toBeUndefined();
    expect(new Date(x509.validTo).getTime() - now.getTime()).toBeLessThanOrEqual(398 * DAY);

    const again = await loopbackCertificate(dir, new Date(now.getTime() + 300 * DAY));
    expect(again.created).toBe(false);
    expect(again.fingerprint256).toBe(first.fingerprint256);
    const lapsed = await loopbackCertificate(dir, new Date(now.getTime() + 400 * DAY));
    expect(lapsed.created).toBe(true);
    expect(lapsed.fingerprint256).not.toBe(first.fingerprint256);
    expect(readFileSync(cert, 'utf8')).toBe(lapsed.certPem);
  });

  it('re-makes a damaged pair, or one whose key is not the certificate\'s', async () => {
    const dir = home();
    const { bundle } = loopbackCertificatePaths(dir);
    const a = await loopbackCertificate(dir);
    writeFileSync(bundle, 'garbage\u001b[31m', { mode: 0o600 });
    const b = await loopbackCertificate(dir);
    expect(b.created).toBe(true);
    const other = await loopbackCertificate(home());
    writeFileSync(bundle, a.certPem + other.keyPem, { mode: 0o600 });
    const c = await loopbackCertificate(dir);
    expect(c.created).toBe(true);
    expect(new X509Certificate(c.certPem).checkPrivateKey((await import('node:crypto')).createPrivateKey(c.keyPem))).toBe(true);
  });

  it('refuses a symlink or a file others may write, and follows nothing', async () => {
    const dir = home();
    const { bundle } = loopbackCertificatePaths(dir);
    const elsewhere = path.join(home(), 'victim.pem');
    writeFileSync(elsewhere, 'not yours');
    symlinkSync(elsewhere, bundle);
    await expect(loopbackCertificate(dir)).rejects.toMatchObject({ code: 'data_dir_unsafe' });
    expect(readFileSync(elsewhere, 'utf8')).toBe('not yours');

    const dir2 = home();
    await loopbackCertificate(dir2);
    chmodSync(loopbackCertificatePaths(dir2).bundle, 0o666);
    await expect(loopbackCertificate(dir2)).rejects.toMatchObject({ code: 'data_dir_unsafe' });
  });

  it('a TLS listener shrugs off plain http and handshake garbage, then takes the real redirect', async () => {
    const dir = home();
    const kept = await loopbackCertificate(dir);
    const listener = await listenForRedirect({ state: 'S', integrationName: 'T', timeoutMs: 60_000, redirectUri: 'https://localhost:0/callback', tls: { cert: kept.certPem, key: kept.keyPem } });
    try {
      const port = Number(new URL(listener.redirectUri).port);
      // Raw bytes, then a closed socket: the server must drop each without settling the sign-in.
      for (const junk of ['GET /callback?code=x&state=S HTTP/1.1\r\nHost: localhost\r\n\r\n', '\u0016\u0003\u0001\u0000\u0005hello', '\u0000'.repeat(70_000)]) {
        await new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => socket.end(junk));
          socket.on('error', () => resolve());
          socket.on('close', () => resolve());
          socket.resume();
        });
      }
      const { request } = await import('node:https');
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(`https://localhost:${port}/callback?code=real&state=S`, { ca: kept.certPem, agent: false }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      expect(body).toContain('You can close this tab');
      await expect(listener.code).resolves.toBe('real');
    } finally {
      listener.close();
    }
  });
});
