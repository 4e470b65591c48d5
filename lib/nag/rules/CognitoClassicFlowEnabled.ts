import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { identityPools } from '../../private/iam';
import { defineRule, failure } from '../sts-rule';

/**
 * A Cognito identity pool enables the basic (classic) authentication flow (`AllowClassicFlow: true` in some reachable
 * variant). In the basic flow the client calls `GetOpenIdToken` and then `sts:AssumeRoleWithWebIdentity` itself, on
 * any role it names: every role whose trust admits the pool's tokens is reachable, whatever the pool's role
 * attachment and role mappings say, and guest credentials are not scoped down to the
 * `AmazonCognitoUnauthenticatedIdentities` policy as in the enhanced flow.
 *
 * Sources: https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html (enhanced and basic
 * flows); https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonCognitoUnauthenticatedIdentities.html
 * (the scope-down of the enhanced flow); Datadog's detection "Cognito identity pool should not have the classic
 * authentication flow enabled": https://docs.datadoghq.com/security/default_rules/def-000-k8u/
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The Cognito identity pool enables the basic (classic) authentication flow.',
    explanation:
      "With the classic flow a client exchanges the pool's OpenID token for credentials of any role it names " +
      'with sts:AssumeRoleWithWebIdentity: role mappings and the authenticated/unauthenticated role choice are bypassed, ' +
      "and guest credentials are not scoped down as in the enhanced flow, so a role whose trust pins only the pool's aud " +
      '(or an amr pattern such as *authenticated) is open to guests. Set AllowClassicFlow to false and use the enhanced ' +
      'flow (GetCredentialsForIdentity); if a legacy client needs it, pin amr in every role trusting the pool and ' +
      'acknowledge this finding with the reason.',
  },
  (subject) => {
    if (subject.type !== 'AWS::Cognito::IdentityPool') return NagRuleCompliance.NOT_APPLICABLE;
    const pool = identityPools(subject.template).find((p) => p.pool.logicalId === subject.logicalId);
    if (!pool?.classicFlow) return NagRuleCompliance.COMPLIANT;
    const variant = subject
      .property('AllowClassicFlow')
      .find((v) => v.value === true || String(v.value).toLowerCase() === 'true');
    const description =
      variant && variant.assumptions.length > 0
        ? `when ${variant.assumptions.map((a) => a.text).join(' and ')}`
        : undefined;
    return failure(
      description,
      pool.guestAccess ? 'guests (AllowUnauthenticatedIdentities) can use it too' : undefined,
    );
  },
);
