import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import {
  FederatedKind,
  federatedPrincipalsOf,
  hasNarrowingClause,
  isUnresolvedText,
  isWildcardValue,
} from '../../private/iam';
import { defineRule, judgeTrust } from '../sts-rule';

/**
 * The AWS sign-in SAML endpoints of every partition, global or regional, with the optional per-provider ACS suffix:
 * `https://signin.aws.amazon.com/saml`, `https://eu-west-1.signin.aws.amazon.com/saml`,
 * `https://signin.amazonaws.cn/saml`, `https://signin.amazonaws-us-gov.com/saml`, `.../saml/acs/ID`.
 */
const AWS_SIGNIN_SAML =
  /^https:\/\/([a-z0-9-]+\.)?signin\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\/saml(\/acs\/[A-Za-z0-9_-]+)?$/;

/**
 * A role trusts a SAML provider without `SAML:aud`: no positive match whose values are all accepted audiences.
 * Accepted: the AWS sign-in SAML endpoints (see above), or exactly the `samlAudiences` prop when given. Values taken
 * from parameters, mappings or imports (for example the partition's sign-in host) are accepted as they cannot be read.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy trusts a SAML provider without pinning SAML:aud to an accepted sign-in endpoint.',
    explanation:
      'SAML:aud is the endpoint the assertion was issued for. Without it, an assertion your identity provider ' +
      'issued for another service provider or another AWS endpoint can be replayed to assume this role. Add StringEquals ' +
      'SAML:aud = https://signin.aws.amazon.com/saml (or the regional / partition sign-in endpoint your users sign in ' +
      'through), or list your endpoints in StsChecks samlAudiences.',
  },
  (subject, options) => {
    const accepted = (value: string): boolean => {
      if (isUnresolvedText(value)) return true;
      return options.samlAudiences ? options.samlAudiences.includes(value) : AWS_SIGNIN_SAML.test(value);
    };
    return judgeTrust(subject, (variant) =>
      variant.allow.some(
        (statement) =>
          federatedPrincipalsOf(statement, subject.template).some((p) => p.kind === FederatedKind.SAML) &&
          !hasNarrowingClause(statement, 'saml:aud', (v, c) => !isWildcardValue(c, v) && accepted(v)),
      ),
    );
  },
);
