import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import {
  ACCOUNT_ID,
  AccountKind,
  hasNarrowingClause,
  isSameOwnerVariable,
  isUnresolvedText,
  isWildcardPrincipal,
  isWildcardValue,
  ORGANIZATION_ID,
  parseArn,
  PolicyStatement,
  principalArnAccount,
} from '../../private/iam';
import { defineRule, judgeTrust } from '../sts-rule';

/**
 * A role trusts `"*"` / `{"AWS": "*"}` without a condition that narrows the caller to concrete accounts
 * (`aws:PrincipalAccount`), an organization (`aws:PrincipalOrgID`), organization paths (`aws:PrincipalOrgPaths`)
 * or principal ARNs (`aws:PrincipalArn`). A wildcard value does not narrow. The role's own account / organization
 * written as a policy variable (`aws:PrincipalOrgID` = `${aws:ResourceOrgID}`, `aws:PrincipalAccount` =
 * `${aws:ResourceAccount}`) narrows; a key compared with its own variable (`${aws:PrincipalOrgID}`) does not.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy allows any AWS principal ("*") without a condition that narrows it to concrete accounts, an organization, organization paths or principal ARNs.',
    explanation:
      'A wildcard principal lets every AWS account in the world call sts:AssumeRole on this role; only a condition ' +
      'stops strangers. Narrow it with a positive match on aws:PrincipalAccount (12-digit ids), aws:PrincipalOrgID (o-...), ' +
      'aws:PrincipalOrgPaths (o-.../r-.../ou-...) or aws:PrincipalArn (ARNs in concrete accounts), without IfExists and ' +
      'without wildcard-only values, or better name the principals directly.',
  },
  (subject) =>
    judgeTrust(subject, (variant) =>
      variant.allow.some((s) => s.principals.some(isWildcardPrincipal) && !narrowsCaller(s)),
    ),
);

function narrowsCaller(statement: PolicyStatement): boolean {
  return (
    hasNarrowingClause(
      statement,
      'aws:principalaccount',
      (v, c) =>
        isSameOwnerVariable(c.keyLower, v) || (isUnresolvedText(v) ? !isWildcardValue(c, v) : ACCOUNT_ID.test(v)),
    ) ||
    hasNarrowingClause(
      statement,
      'aws:principalorgid',
      (v, c) =>
        isSameOwnerVariable(c.keyLower, v) || (isUnresolvedText(v) ? !isWildcardValue(c, v) : ORGANIZATION_ID.test(v)),
    ) ||
    hasNarrowingClause(statement, 'aws:principalorgpaths', (v) => {
      const org = v.split('/')[0];
      return isUnresolvedText(org) ? !/[*?]/.test(org) : ORGANIZATION_ID.test(org) && v.includes('/');
    }) ||
    hasNarrowingClause(statement, 'aws:principalarn', (v, c) => {
      if (!parseArn(v)) return isUnresolvedText(v) && !isWildcardValue(c, v);
      return principalArnAccount(c, v).kind !== AccountKind.ANY;
    })
  );
}
