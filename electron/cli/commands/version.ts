import type { CliContext } from '../cli-context';
import { writeJson } from '../output';
import { parseCommandArgs } from '../parse-args';
import { writeLine } from '../terminal';

/** `keysmith version`: the same as --version, and with --json what a bug report wants. */
export function versionCommand(version: string) {
  return async (args: string[], ctx: CliContext): Promise<void> => {
    const { values } = parseCommandArgs('version', args, { json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
    if (values.json) writeJson(ctx, { version, node: process.versions.node, platform: process.platform, arch: process.arch });
    else writeLine(ctx.io.stdout, version);
  };
}
