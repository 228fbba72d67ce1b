import path from 'node:path';
import { healthReport } from '../../core/health/health-check';
import { MintRecords } from '../../core/health/mint-record';
import { SETTINGS_FILE, healthThresholds, readSettingsFile, type SettingsRead } from '../../core/settings-file';
import { HEALTH_LABELS } from '../../shared/health';
import { visibleText } from '../../shared/terminal-text';
import { openVaultIfExists, type CliContext } from '../cli-context';
import { ExitCode } from '../exit-code';
import { parseCommandArgs, usageError } from '../parse-args';
import { writeLine } from '../terminal';
import { foldRecord } from '../wrap-text';
import { nextStepText } from '../error-actions';

/** `keysmith health` exits with this when something is due, so CI can tell it from an error (1). */
export const HEALTH_DUE_EXIT = 3;

function days(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1) throw usageError('health', `--${flag} must be a whole number of days, at least 1 (got "${text}")`);
  return Number(text);
}

/** One line when the app's settings could not give the thresholds; nothing for other fields' damage. */
function settingsWarning(saved: SettingsRead, file: string): string | null {
  if (saved.unusable) return `the settings file ${file} was not used (${saved.unusable}); health uses its default thresholds`;
  const bad = saved.invalid.filter((k) => k === 'healthSecretMaxAgeDays' || k === 'healthCertificateDays');
  if (bad.length === 0) return null;
  return `the settings file ${file} has an invalid ${bad.join(' and ')}; health uses the default for ${bad.length === 1 ? 'it' : 'them'}`;
}

export async function health(args: string[], ctx: CliContext): Promise<void> {
  const { values } = parseCommandArgs(
    'health',
    args,
    { json: { type: 'boolean' }, 'secret-max-age': { type: 'string' }, 'certificate-days': { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  const secretMaxAge = days('secret-max-age', values['secret-max-age']);
  const certificateDays = days('certificate-days', values['certificate-days']);
  // The thresholds chosen in the app's settings, so both report the same things; flags win.
  const saved = await readSettingsFile(ctx.dataDir);
  const warning = settingsWarning(saved, path.join(ctx.dataDir, SETTINGS_FILE));
  if (warning) writeLine(ctx.io.stderr, `warning: ${visibleText(warning)}`);
  const thresholds = {
    ...healthThresholds(saved.settings),
    ...(secretMaxAge !== undefined && { secretMaxAgeDays: secretMaxAge }),
    ...(certificateDays !== undefined && { certificateDays }),
  };
  const vault = await openVaultIfExists(ctx);
  const report = vault
    ? healthReport(vault.document, await new MintRecords(vault).read(), { thresholds })
    : { checkedAt: new Date().toISOString(), items: [], due: 0 };
  if (values.json) writeLine(ctx.io.stdout, JSON.stringify(report, null, 2));
  else if (report.items.length === 0) writeLine(ctx.io.stdout, 'Nothing needs attention');
  else {
    for (const item of report.items) {
      const step = item.action === undefined ? null : nextStepText(item.action, item.integration);
      const line = `${item.severity === 'due' ? 'DUE ' : 'info'}  "${visibleText(item.integration)}": ${HEALTH_LABELS[item.condition]}. ${visibleText(item.message)}${step ? `: ${visibleText(step)}` : ''}`;
      writeLine(ctx.io.stdout, foldRecord(ctx, line, '      '));
    }
    writeLine(ctx.io.stdout, report.due > 0 ? `${report.due} item${report.due === 1 ? '' : 's'} due` : 'Nothing is due');
  }
  if (report.due > 0) throw new ExitCode(HEALTH_DUE_EXIT);
}
