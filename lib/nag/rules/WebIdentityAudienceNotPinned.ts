import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  allowTrustStatementsOf, audienceClaims, claimClauses, federatedPrincipalsOf, isNarrowing, isPureWildcard, isWebIdentity,
  isWildcardValue, templateOf,
} from '../policy-reader';
import { defineRule } from '../sts-rule';

/**
 * A role trusts a web identity provider (an IAM OIDC provider, Cognito, Google, Facebook, Login with Amazon) without
 * pinning the audience: no positive match on `<provider>:aud` (`:oaud` for Google, `:app_id` for Facebook and
 * Amazon) with concrete values. When the provider is a parameter (issuer unknown), any `<host>:aud` key counts.
 */
export default defineRule(__filename, {
  level: NagMessageLevel.ERROR,
  info: 'The trust policy trusts a web identity provider without pinning the token audience (<provider>:aud).',
  explanation: 'Without an audience condition the role accepts tokens the provider issued for any client. For Cognito '
    + 'that means any identity pool of any AWS account; for GitHub, GitLab or EKS, tokens minted for other cloud '
    + 'providers or tools. Add StringEquals on the audience key: cognito-identity.amazonaws.com:aud = your identity pool '
    + 'id, token.actions.githubusercontent.com:aud = sts.amazonaws.com, <eks issuer>:aud = sts.amazonaws.com, '
    + 'accounts.google.com:aud = your client id.',
}, (node) => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  for (const statement of allowTrustStatementsOf(node)) {
    for (const info of federatedPrincipalsOf(statement, templateOf(node))) {
      if (!isWebIdentity(info.kind)) continue;
      const pinned = claimClauses(statement, info, audienceClaims(info.kind)).some(c =>
        isNarrowing(c) && c.values.length > 0 && c.values.every(v => !isWildcardValue(c, v) && !isPureWildcard(v)));
      if (!pinned) return NagRuleCompliance.NON_COMPLIANT;
    }
  }
  return NagRuleCompliance.COMPLIANT;
});
