/**
 * Run cfn-lint over templates and prove it really ran: its version line, and its own summary
 * ("Cfn-lint scanned N templates against R rules and found E errors, ...") naming as many templates as were given.
 * A missing cfn-lint, a crash (exit bit 1), or output without that summary fails with a message saying what to do.
 */
import { spawnSync } from 'child_process';

export interface LintResult {
  /** e.g. `cfn-lint 1.51.0` */
  readonly version: string;
  readonly templatesScanned: number;
  readonly rules: number;
  readonly errors: number;
  readonly warnings: number;
  /** The findings cfn-lint printed, for a failure message. */
  readonly output: string;
  /** Finding lines (`1:58:  E3002  Additional properties...`) by template file. */
  readonly findings: Record<string, string[]>;
}

export const CFN_LINT_INSTALL_HINT =
  "install it with `python3 -m pip install cfn-lint` (this project's machine image ships it)";

const SUMMARY = /Cfn-lint scanned (\d+) templates? against (\d+) rules and found (\d+) errors?, (\d+) warnings?/;

export function runCfnLint(templates: string[], command = 'cfn-lint'): LintResult {
  if (templates.length === 0) throw new Error('runCfnLint: no template to lint');
  const versionRun = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if ((versionRun.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`cfn-lint is not installed (${command} was not found on PATH): ${CFN_LINT_INSTALL_HINT}.`);
  }
  const version = /^cfn-lint \d+\.\d+\.\d+/m.exec(`${versionRun.stdout}${versionRun.stderr}`)?.[0];
  if (!version) {
    throw new Error(
      `${command} --version printed no "cfn-lint X.Y.Z" line (exit ${versionRun.status}): ${`${versionRun.stdout}${versionRun.stderr}`.trim() || '(nothing)'}; ${CFN_LINT_INSTALL_HINT}.`,
    );
  }
  const run = spawnSync(command, ['--format', 'pretty', '--', ...templates], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const summary = SUMMARY.exec(output);
  // cfn-lint's exit code is a bit mask: 1 = it failed to run, 2 = errors, 4 = warnings, 8 = informational.
  if (run.error || run.status === null || (run.status & 1) !== 0 || !summary) {
    throw new Error(
      `${version} did not lint the templates (exit ${run.status ?? run.signal}${run.error ? `, ${run.error.message}` : ''}); ` +
        `its output has no "Cfn-lint scanned N templates" summary:\n${output.trim().slice(-2000) || '(nothing)'}`,
    );
  }
  const [templatesScanned, rules, errors, warnings] = summary.slice(1, 5).map(Number);
  if (templatesScanned !== templates.length) {
    throw new Error(
      `${version} scanned ${templatesScanned} templates, not the ${templates.length} given:\n${output.trim().slice(-2000)}`,
    );
  }
  return {
    version,
    templatesScanned,
    rules,
    errors,
    warnings,
    output,
    findings: findingsByFile(run.stdout ?? '', templates),
  };
}

/** cfn-lint's pretty format: a line naming the file, its findings, a blank line. */
function findingsByFile(stdout: string, templates: string[]): Record<string, string[]> {
  const findings: Record<string, string[]> = Object.fromEntries(templates.map((t) => [t, []]));
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    if (templates.includes(line.trim())) current = line.trim();
    else if (!line.trim()) current = undefined;
    else if (current) findings[current].push(line.trim());
  }
  return findings;
}
