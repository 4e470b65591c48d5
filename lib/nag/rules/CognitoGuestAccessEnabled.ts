import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import { describeAssumptions } from '../../private/iam';
import { defineRule, failure } from '../sts-rule';

/**
 * A Cognito identity pool allows unauthenticated (guest) identities (`AllowUnauthenticatedIdentities: true`).
 * A warning: guest access can be intended (a public read-only map, anonymous analytics), but it hands AWS
 * credentials to anyone, so it should be a decision acknowledged with a reason.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.WARN,
    info: 'The Cognito identity pool allows unauthenticated (guest) identities.',
    explanation:
      'With guest access on, anyone who knows the identity pool id (it ships in every client) gets AWS ' +
      'credentials for the unauthenticated role without signing in. Turn it off (AllowUnauthenticatedIdentities: ' +
      'false) unless the application needs anonymous access; if it does, keep the guest role read-only on named ' +
      'resources and acknowledge this finding with the reason.',
  },
  (subject) => {
    if (subject.type !== 'AWS::Cognito::IdentityPool') return NagRuleCompliance.NOT_APPLICABLE;
    const guest = subject
      .property('AllowUnauthenticatedIdentities')
      .find((v) => v.value === true || (typeof v.value === 'string' && v.value.toLowerCase() === 'true'));
    return guest ? failure(describeAssumptions(guest.assumptions)) : NagRuleCompliance.COMPLIANT;
  },
);
