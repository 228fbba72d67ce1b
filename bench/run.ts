/** `npm run bench`: every figure the issues name, each beside its anchor in the same run. */
import { benchCliKeygen, benchCliList } from './cli.bench';
import { benchKeygen } from './keygen.bench';
import { benchIpc } from './ipc.bench';
import { benchSignIn } from './signin.bench';
import { benchRenderer } from './renderer.bench';
import { benchTokens } from './token.bench';
import { benchVault } from './vault.bench';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  console.log(`Keysmith benchmarks: node ${process.version}, ${process.platform}/${process.arch}${quick ? ' (quick)' : ''}`);
  // `--only renderer` runs the renderer section alone (it needs Chromium, the others do not).
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  if (only === 'renderer') return benchRenderer(quick ? 3 : 9);
  if (only === 'signin') return benchSignIn(quick ? 3 : 11);
  // `--only vault`: reading and listing, with the 5,000-integration size the vault issues quote.
  if (only === 'vault') {
    await benchVault([100, 1000, 5000, 10000], quick ? 3 : 9);
    return benchCliList(5000, quick ? 3 : 11);
  }
  await benchVault([100, 1000, 10000], quick ? 3 : 9);
  await benchCliList(1000, quick ? 3 : 11);
  await benchKeygen(quick ? 3 : 9);
  await benchCliKeygen(quick ? 5 : 21);
  await benchTokens(quick ? 3 : 11);
  await benchIpc(quick ? 3 : 9);
  await benchSignIn(quick ? 3 : 11);
  await benchRenderer(quick ? 3 : 9);
}

main().catch((err) => {
  console.error(`bench failed: ${(err as Error).message}`);
  process.exit(1);
});
