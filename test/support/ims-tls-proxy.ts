/**
 * Routes a real client's https://ims-na1.adobelogin.com to the loopback IMS emulator without
 * changing the client's code. aio-lib-ims has no endpoint setting (it picks prod or stage from the
 * context's `env`), but its fetch honours HTTPS_PROXY (aio-lib-core-networking, proxy-from-env). So
 * this is an HTTPS proxy that answers CONNECT for the IMS hosts, terminates TLS with a certificate
 * made here for those names (the client trusts it through NODE_EXTRA_CA_CERTS) and hands the plain
 * HTTP on to the emulator. CONNECT to any other host is refused: nothing leaves the machine.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { TLSSocket, createSecureContext } from 'node:tls';
import forge from 'node-forge';

export const IMS_HOSTS = ['ims-na1.adobelogin.com', 'ims-na1-stg1.adobelogin.com'];

export interface ImsTlsProxy {
  /** http://127.0.0.1:PORT, for HTTPS_PROXY */
  url: string;
  /** the certificate the proxy presents, for NODE_EXTRA_CA_CERTS */
  caFile: string;
  /** the hosts clients asked to reach, in order */
  readonly connects: string[];
  close(): Promise<void>;
}

function certificateFor(hosts: string[]): { key: string; cert: string } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [{ name: 'commonName', value: hosts[0]! }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
    { name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2, value })) },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { key: forge.pki.privateKeyToPem(keys.privateKey), cert: forge.pki.certificateToPem(cert) };
}

export async function startImsTlsProxy(emulatorUrl: string, dir: string): Promise<ImsTlsProxy> {
  const target = new URL(emulatorUrl);
  const { key, cert } = certificateFor(IMS_HOSTS);
  const caFile = path.join(dir, 'ims-proxy-ca.pem');
  writeFileSync(caFile, cert);
  const context = createSecureContext({ key, cert });
  const sockets = new Set<Socket>();
  const connects: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client: Socket) => {
    const host = (req.url ?? '').replace(/:443$/, '');
    connects.push(host);
    if (!IMS_HOSTS.includes(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const tls = new TLSSocket(client, { isServer: true, secureContext: context });
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    tls.pipe(upstream).pipe(tls);
    const drop = () => {
      tls.destroy();
      upstream.destroy();
    };
    tls.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    caFile,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
