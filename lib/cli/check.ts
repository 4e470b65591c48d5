import { CheckOptions, checkTemplates, Finding } from '../nag/check';
import { invalidInput } from '../private/errors';
import { listOption, parseArgs, singleOption, UsageError } from './args';
import type { CliCommand, CliIo } from './index';
import { InputError, readTemplateInputs } from './inputs';

const VALUED = ['account', 'own-accounts', 'organization-id', 'trust-policy-size-quota', 'partition', 'saml-audiences'];
const FLAGS = ['json', 'help', 'h'];

const HELP = `Usage: cdk-sts-kit check [options] <template.json|template.yaml|cdk.out dir>...

Runs every StsChecks rule over CloudFormation templates, without a CDK app: JSON or YAML files (short-form
tags such as !Ref, !Sub, !If are read), a cdk.out folder (every stack of its manifest, stages and nested stacks
included) or a folder of template files.

Options:
  --account ID                 the account the templates deploy to (counts as your own)
  --own-accounts ID,ID         accounts that count as your own (12-digit ids; repeatable)
  --organization-id o-...      your AWS Organizations id: trust that requires it is not cross-account
  --trust-policy-size-quota N  your accounts' trust policy size quota (default 2048, at most 4096)
  --partition aws|aws-cn|...   the partition the templates deploy to (policy size measure)
  --saml-audiences URL,URL     the only SAML:aud values accepted (default: the AWS sign-in endpoints)
  --json                       print the findings as a JSON array instead of a table
  -h, --help                   this text

Exit code: 0 when no finding is an Error, 1 when one is, 2 when an input cannot be read or parsed
(the message names the file) or an option is invalid.
`;

/** `cdk-sts-kit check`: StsChecks findings for templates read from disk. */
export const checkCommand: CliCommand = {
  summary: 'run the StsChecks rules over templates (JSON, YAML, cdk.out); exit 1 on an Error finding',
  run: runCheck,
};

function runCheck(args: string[], io: CliIo): number {
  let findings: Finding[];
  let templateCount: number;
  let json: boolean;
  try {
    const parsed = parseArgs(args, VALUED, FLAGS);
    if (parsed.flags.has('help') || parsed.flags.has('h')) {
      io.stdout(HELP);
      return 0;
    }
    if (parsed.positionals.length === 0) {
      throw new UsageError('no input: expected at least one template file or cdk.out folder');
    }
    json = parsed.flags.has('json');
    const options = checkOptions(parsed);
    const templates = readTemplateInputs(parsed.positionals);
    templateCount = templates.length;
    findings = checkTemplates(templates, options);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`cdk-sts-kit check: ${e.message}\n\n${HELP}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.stderr(`cdk-sts-kit check: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const errors = findings.filter((f) => f.level === 'Error').length;
  if (json) {
    io.stdout(`${JSON.stringify(findings, undefined, 2)}\n`);
  } else {
    io.stdout(renderTable(findings, templateCount));
  }
  return errors > 0 ? 1 : 0;
}

function checkOptions(parsed: ReturnType<typeof parseArgs>): CheckOptions {
  const account = singleOption(parsed, 'account');
  if (account !== undefined && !/^\d{12}$/.test(account))
    throw new UsageError(invalidInput('--account', 'account id', account, 'a 12-digit AWS account id').message);
  const ownAccounts = listOption(parsed, 'own-accounts');
  for (const account of ownAccounts ?? []) {
    if (!/^\d{12}$/.test(account))
      throw new UsageError(invalidInput('--own-accounts', 'account id', account, 'a 12-digit AWS account id').message);
  }
  const organizationId = singleOption(parsed, 'organization-id');
  if (organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(organizationId)) {
    throw new UsageError(
      invalidInput(
        '--organization-id',
        'organization id',
        organizationId,
        "'o-' followed by 10 to 32 lower-case letters or digits",
      ).message,
    );
  }
  const quotaText = singleOption(parsed, 'trust-policy-size-quota');
  let trustPolicySizeQuota: number | undefined;
  if (quotaText !== undefined) {
    trustPolicySizeQuota = Number(quotaText);
    if (!/^\d+$/.test(quotaText) || trustPolicySizeQuota < 1 || trustPolicySizeQuota > 4096) {
      throw new UsageError(
        invalidInput('--trust-policy-size-quota', 'quota', quotaText, 'an integer from 1 to 4096 (characters)').message,
      );
    }
  }
  const partition = singleOption(parsed, 'partition');
  if (partition !== undefined && !/^aws(-[a-z]+)*$/.test(partition)) {
    throw new UsageError(
      invalidInput('--partition', 'partition', partition, 'a partition name such as aws, aws-cn or aws-us-gov').message,
    );
  }
  const samlAudiences = listOption(parsed, 'saml-audiences');
  return {
    ...(account ? { account } : {}),
    ...(ownAccounts ? { ownAccounts } : {}),
    ...(organizationId ? { organizationId } : {}),
    ...(trustPolicySizeQuota !== undefined ? { trustPolicySizeQuota } : {}),
    ...(partition ? { partition } : {}),
    ...(samlAudiences ? { samlAudiences } : {}),
  };
}

/** The findings as an aligned text table (rule, level, template, resource, variant), then a one-line summary. */
export function renderTable(findings: readonly Finding[], templateCount: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (findings.length === 0) return `No findings in ${plural(templateCount, 'template')}.\n`;
  const header = ['Rule', 'Level', 'Template', 'Resource', 'Variant'];
  const rows = findings.map((f) => [f.ruleId, f.level, f.template, f.resource, f.variant ?? '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const errors = findings.filter((f) => f.level === 'Error').length;
  // one line per distinct message: a rule's detail (or what TemplateNotReadable could not read) differs per resource
  const legend = [...new Set(findings.map((f) => `${f.ruleId}: ${f.message}`))];
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...legend,
    '',
    `${plural(findings.length, 'finding')} (${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')}) in ${plural(templateCount, 'template')}.`,
    '',
  ].join('\n');
}
