import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import {
  claimClauses,
  federatedPrincipalsOf,
  isNarrowing,
  isPolicyVariable,
  isPureWildcard,
  isWebIdentity,
  isWildcardValue,
} from '../../private/iam';
import { issuerProfile } from '../../private/iam/issuers';
import { defineRule, judgeTrust } from '../sts-rule';
import { issuerOf } from '../web-identity-subject';

/**
 * A role trusts a web identity provider (an IAM OIDC provider, Cognito, Google, Facebook, Login with Amazon) without
 * pinning the audience: no positive match, with exact values (no wildcard), on the issuer's audience claim
 * (`<provider>:aud`; `:aud`/`:oaud` for Google; `:app_id` for Facebook and Amazon; the table of
 * private/iam/issuers.ts). When the provider is a parameter (issuer unknown), any `<host>:aud` key counts.
 * Judged on the effective trust of every reachable variant.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy trusts a web identity provider without pinning the token audience (<provider>:aud) to exact values.',
    explanation:
      'Without an audience condition the role accepts tokens the provider issued for any client. For Cognito ' +
      'that means any identity pool of any AWS account; for GitHub, GitLab or EKS, tokens minted for other cloud ' +
      'providers or tools. Add StringEquals on the audience key: cognito-identity.amazonaws.com:aud = your identity pool ' +
      'id, token.actions.githubusercontent.com:aud = sts.amazonaws.com, <eks issuer>:aud = sts.amazonaws.com, ' +
      'accounts.google.com:aud = your client id.',
  },
  (subject) =>
    judgeTrust(subject, (variant) => {
      for (const statement of variant.allow) {
        for (const info of federatedPrincipalsOf(statement, subject.template)) {
          if (!isWebIdentity(info.kind)) continue;
          const profile = issuerProfile(issuerOf(info, subject.template));
          const clauses = claimClauses(statement, info, [...profile.audienceClaims]);
          const pinned = clauses.some(
            (c) =>
              isNarrowing(c) &&
              c.values.length > 0 &&
              c.values.every((v) => !isWildcardValue(c, v) && !isPureWildcard(v) && !isPolicyVariable(v)),
          );
          if (!pinned) {
            const values = clauses.flatMap((c) => c.values);
            const variable = values.find(isPolicyVariable);
            if (variable !== undefined) return `audience '${variable}' is a policy variable, read from the request`;
            const open = values.find((v) => isPureWildcard(v) || /[*?]/.test(v));
            return open !== undefined
              ? `audience '${open}' is a pattern`
              : `no exact ${profile.audienceClaims.join(' / ')} condition for ${info.issuer ?? info.text}`;
          }
        }
      }
      return false;
    }),
);
