import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { policySize } from '../../private/iam';
import { defineRule, judgeTrust } from '../sts-rule';

/**
 * A role's trust policy is longer than the trust policy quota (StsChecks `trustPolicySizeQuota`, default 2,048
 * characters, whitespace not counted). An error: IAM rejects the role at deploy time.
 *
 * Measured with the one policy-size measure of the model (lib/private/iam/size.ts), the one `StsRole` uses: pseudo
 * parameters are resolved with the partition when it is known (from the stack's region, or `partition` given to
 * `checkTemplates`), and otherwise counted at their longest. Each reachable variant is measured.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy is longer than the trust policy size quota (2,048 characters by default, whitespace not counted).',
    explanation:
      'IAM rejects a role whose trust policy exceeds the account quota ("ACLSizePerRole"), and CloudFormation ' +
      'only finds out at deploy time, halfway through a rollout. Merge statements that share a condition, list ' +
      'accounts with aws:PrincipalOrgID or aws:PrincipalOrgPaths instead of one principal each, split the trust across ' +
      'several roles, or raise the quota with Service Quotas and set StsChecks trustPolicySizeQuota to the new value.',
  },
  (subject, options) =>
    judgeTrust(subject, (variant) => {
      // fast path: removing whitespace and resolving the placeholders of pseudo parameters never lengthen the evaluated
      // document's JSON, except a region name longer than its placeholder (up to 15 characters: 4 per region allowed)
      const json = JSON.stringify(variant.document) ?? '';
      if (json.length + 4 * (json.split('{{AWS.Region}}').length - 1) <= options.trustPolicySizeQuota) return false;
      const { length } = policySize(variant.document, subject.template.environment);
      return length > options.trustPolicySizeQuota ? `(${length} characters)` : false;
    }),
);
