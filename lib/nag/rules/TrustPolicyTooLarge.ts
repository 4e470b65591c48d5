import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { trustPolicyOf } from '../policy-reader';
import { defineRule } from '../sts-rule';

/**
 * The size of a resolved trust policy, as IAM counts it: the JSON without whitespace.
 * Intrinsics that remain (`Ref`, `Fn::Join`, ...) are counted as they stand in the template, which can be shorter or
 * longer than the value they resolve to at deploy time; keep a margin when a policy is close to the quota.
 */
export function trustPolicySize(document: unknown): number {
  const text = typeof document === 'string' ? document : JSON.stringify(document) ?? '';
  return /\s/.test(text) ? text.replace(/\s/g, '').length : text.length;
}

/**
 * A role's trust policy is longer than the trust policy quota (StsChecks `trustPolicySizeQuota`, default 2,048
 * characters, whitespace not counted). An error: IAM rejects the role at deploy time.
 */
export default defineRule(__filename, {
  level: NagMessageLevel.ERROR,
  info: 'The trust policy is longer than the trust policy size quota (2,048 characters by default, whitespace not counted).',
  explanation: 'IAM rejects a role whose trust policy exceeds the account quota ("ACLSizePerRole"), and CloudFormation '
    + 'only finds out at deploy time, halfway through a rollout. Merge statements that share a condition, list '
    + 'accounts with aws:PrincipalOrgID or aws:PrincipalOrgPaths instead of one principal each, split the trust across '
    + 'several roles, or raise the quota with Service Quotas and set StsChecks trustPolicySizeQuota to the new value.',
}, (node, options) => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  const document = trustPolicyOf(node);
  if (document === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  return trustPolicySize(document) > options.trustPolicySizeQuota ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
});
