/**
 * A keypair plus its self-signed certificate, as `keysmith keys generate` makes them (native RSA
 * keygen, forge ASN.1, native signature), beside the anchor Adobe documents, `openssl req -x509
 * -newkey`, and beside node-forge doing it all in JavaScript, the approach the design rejects.
 * A second table isolates the certificate: forge's JavaScript RSA signature against Node's.
 *
 * RSA keygen time is a prime search and varies several-fold run to run: medians need many runs,
 * hence at least 15 at 2048 bits. Pure-JS forge takes seconds to tens of seconds per 3072/4096 key,
 * so its runs are capped (the table says how many).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSelfSignedCertificate } from '../electron/core/keys/certificate';
import { generateRsaKeyPair, type RsaKeySize } from '../electron/core/keys/rsa-keygen';
import { median, ms, printTable, ratio } from './measure';

type Forge = typeof import('node-forge');
type ForgeCertificate = ReturnType<Forge['pki']['createCertificate']>;

const SIZES: RsaKeySize[] = [2048, 3072, 4096];

async function loadForge(): Promise<Forge> {
  const mod = (await import('node-forge')) as Forge & { default?: Forge };
  return mod.default ?? mod;
}

/** The same certificate as ours, but signed by forge's JavaScript RSA. */
function forgeCertificate(forge: Forge, keys: { publicKey: ForgeCertificate['publicKey']; privateKey: unknown }): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `4${randomBytes(16).toString('hex').slice(1)}`;
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ shortName: 'CN', value: 'bench' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: true },
    { name: 'basicConstraints', cA: true, critical: true },
  ]);
  cert.sign(keys.privateKey as Parameters<ForgeCertificate['sign']>[0], forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** Wall time of loading node-forge in a fresh process: what the lazy import saves other commands. */
function forgeColdLoadMs(): number {
  const script = "const t=performance.now();require('node-forge');process.stdout.write(String(performance.now()-t))";
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`loading node-forge failed: ${r.stderr}`);
    times.push(Number(r.stdout));
  }
  return times.sort((a, b) => a - b)[2]!;
}

/** `runs` applies to 3072 and 4096 bits; 2048 gets at least 15, pure-JS forge at most 5 and 3. */
export async function benchKeygen(runs: number): Promise<void> {
  const forge = await loadForge();
  const dir = mkdtempSync(path.join(tmpdir(), 'keysmith-bench-keygen-'));
  const rows: string[][] = [];
  const certRows: string[][] = [];
  try {
    for (const bits of SIZES) {
      const n = bits === 2048 ? Math.max(runs, 15) : runs;
      const forgeRuns = Math.min(runs, bits === 2048 ? 5 : 3);

      const ours = await median(
        n,
        async () => {
          const pair = await generateRsaKeyPair(bits);
          await createSelfSignedCertificate({ privateKeyPem: pair.privateKeyPem, subject: { CN: 'bench' }, days: 365 });
        },
        1,
      );

      const keyout = path.join(dir, 'k.pem');
      const out = path.join(dir, 'c.pem');
      const openssl = await median(
        n,
        () => {
          const r = spawnSync(
            'openssl',
            ['req', '-x509', '-sha256', '-nodes', '-days', '365', '-newkey', `rsa:${bits}`, '-keyout', keyout, '-out', out, '-subj', '/CN=bench'],
            { stdio: ['ignore', 'ignore', 'pipe'] },
          );
          if (r.error) throw r.error;
          if (r.status !== 0) throw new Error(`openssl req failed: ${r.stderr.toString()}`);
        },
        1,
      );

      // forge quietly uses Node's native keygen when it can; a pure-JS baseline has to forbid that.
      const options = (forge as unknown as { options: { usePureJavaScript: boolean } }).options;
      const pureJs = options.usePureJavaScript;
      options.usePureJavaScript = true;
      let forgeJs: number;
      try {
        forgeJs = await median(forgeRuns, () => forgeCertificate(forge, forge.pki.rsa.generateKeyPair({ bits })), 0);
      } finally {
        options.usePureJavaScript = pureJs;
      }
      rows.push([String(bits), ms(ours), ms(openssl), ratio(ours, openssl), ms(forgeJs), ratio(forgeJs, openssl), `${n} / ${forgeRuns}`]);

      // The certificate alone, same key for both: where signing natively pays.
      const pair = await generateRsaKeyPair(bits);
      const forgeKeys = {
        privateKey: forge.pki.privateKeyFromPem(pair.privateKeyPem),
        publicKey: forge.pki.publicKeyFromPem(pair.publicKeyPem),
      };
      const certRuns = Math.max(runs, 15);
      const nativeCert = await median(certRuns, () =>
        createSelfSignedCertificate({ privateKeyPem: pair.privateKeyPem, subject: { CN: 'bench' }, days: 365 }),
      );
      const jsCert = await median(certRuns, () => forgeCertificate(forge, forgeKeys));
      certRows.push([String(bits), ms(nativeCert), ms(jsCert), ratio(nativeCert, jsCert)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(
    'RSA keypair + self-signed certificate (median wall time; runs: ours and openssl / pure-JS forge)',
    ['bits', 'keysmith (native keygen + sign)', 'anchor: openssl req -x509 -newkey', 'ratio', 'node-forge pure JS', 'ratio to openssl', 'runs'],
    rows,
  );
  printTable(
    `Certificate only, key given (median of ${Math.max(runs, 15)})`,
    ['bits', 'keysmith (forge ASN.1, native sign)', 'anchor: forge cert.sign (JS RSA)', 'ratio'],
    certRows,
  );
  console.log(`node-forge load in a fresh process (median of 5): ${ms(forgeColdLoadMs())}; paid only by commands that make certificates`);
}
