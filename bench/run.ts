/** `npm run bench`: every figure the issues name, each beside its anchor in the same run. */
import { benchCliList } from './cli.bench';
import { benchVault } from './vault.bench';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  console.log(`Keysmith benchmarks: node ${process.version}, ${process.platform}/${process.arch}${quick ? ' (quick)' : ''}`);
  await benchVault([100, 1000, 10000], quick ? 3 : 9);
  await benchCliList(1000, quick ? 3 : 11);
}

main().catch((err) => {
  console.error(`bench failed: ${(err as Error).message}`);
  process.exit(1);
});
