import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { defineRule, judgeTrust } from '../sts-rule';

/**
 * A statement of a trust policy uses `NotPrincipal` (in any statement: IAM does not accept it in a role trust policy,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html), or an Allow
 * statement uses `NotAction`.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy has a statement with NotPrincipal, or an Allow statement with NotAction.',
    explanation:
      'NotPrincipal in an Allow trusts every principal in the world except the ones listed, and IAM does not accept ' +
      'NotPrincipal in a role trust policy at all, not even in a Deny (the deploy fails; a guard written that way ' +
      'guards nothing). NotAction in an Allow allows every STS action except the ones listed (including actions added ' +
      'to STS later). Name the principals in Principal (a Deny excepts principals with aws:PrincipalArn and ' +
      'ArnNotEquals) and the assume action in Action.',
  },
  (subject) =>
    judgeTrust(
      subject,
      (variant) =>
        variant.statements.some((s) => s.hasNotPrincipal) || variant.writtenAllow.some((s) => s.hasNotAction),
    ),
);
