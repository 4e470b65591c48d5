/** Test helpers: run one StsChecks rule on a raw CloudFormation template (the `check` command's path), with variants. */
import { IamTemplate } from '../../lib/private/iam';
import { RuleSubject } from '../../lib/nag/rule-subject';
import { DEFAULT_RULE_OPTIONS, failureOf, isFailure, RuleOptions, StsRule } from '../../lib/nag/sts-rule';

/** A template with one role of this trust document, and optional Parameters / Conditions / more resources. */
export function roleTemplate(
  trust: unknown,
  extra: { Parameters?: object; Conditions?: object; Resources?: object; Properties?: object } = {},
): object {
  return {
    ...(extra.Parameters ? { Parameters: extra.Parameters } : {}),
    ...(extra.Conditions ? { Conditions: extra.Conditions } : {}),
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust, ...(extra.Properties ?? {}) } },
      ...(extra.Resources ?? {}),
    },
  };
}

/** What a rule answers for one resource of a raw template: failed or not, and the failing variant and detail. */
export function runOnTemplate(
  rule: StsRule,
  json: object,
  logicalId = 'Role',
  options: Partial<RuleOptions> = {},
  account?: string,
): { failed: boolean; compliance: string; variant?: string; detail?: string } {
  const template = IamTemplate.fromJson(json, { environment: account ? { account } : {} });
  const resource = template.resource(logicalId);
  if (!resource) throw new Error(`no resource ${logicalId}`);
  const verdict = rule.check(new RuleSubject(template, resource), { ...DEFAULT_RULE_OPTIONS, ...options });
  const compliance = typeof verdict === 'object' ? verdict.compliance : verdict;
  return { failed: isFailure(verdict), compliance, ...failureOf(verdict) };
}
