import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  ACCOUNT_ID, AccountKind, allowsAction, hasIdentityPolicies, hasNarrowingClause, hasWildcard, isUnresolvedText,
  isWildcardValue, ORGANIZATION_ID, ownStatements, parseArn, PolicyStatement, readAccountField, wildcardMatch,
} from '../../private/iam';
import { defineRule } from '../sts-rule';

/**
 * An identity policy (`AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`/`UserPolicy`/`GroupPolicy`, or inline
 * `Policies` of a role, user or group) allows `sts:AssumeRole` (also through `sts:Assume*`, `sts:*`, `*` or
 * `NotAction`) on `*`, on `NotResource`, or on role patterns that span accounts (`arn:PARTITION:iam::*:role/...`).
 * A positive match on `aws:ResourceAccount` or `aws:ResourceOrgID` / `aws:ResourceOrgPaths` narrows it.
 * Resources from parameters or `Fn::GetAtt` are concrete.
 */
export default defineRule(__filename, {
  level: NagMessageLevel.ERROR,
  info: 'An identity policy allows sts:AssumeRole on "*" or on role ARNs that span accounts.',
  explanation: 'sts:AssumeRole on "*" lets the identity assume every role, in any account, whose trust policy trusts its '
    + 'account, including roles added later and roles of third parties that trust you; a single compromised identity '
    + 'then reaches all of them. List the role ARNs the identity needs (arn:PARTITION:iam::ACCOUNT:role/NAME), or '
    + 'narrow with aws:ResourceAccount / aws:ResourceOrgID. Administrator policies ("*" on "*") are reported too: '
    + 'acknowledge them with a reason.',
}, (subject) => {
  if (!hasIdentityPolicies(subject.resource)) return NagRuleCompliance.NOT_APPLICABLE;
  return ownStatements(subject.template, subject.resource).some(spansAccounts) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
});

function spansAccounts(statement: PolicyStatement): boolean {
  if (!allowsAction(statement, 'sts:AssumeRole')) return false;
  if (isNarrowedToAccounts(statement)) return false;
  if (statement.hasNotResource) return true;
  return statement.resources.some(r => {
    if (isUnresolvedText(r) && !hasWildcard(r)) return false;
    const arn = parseArn(r);
    if (!arn) return hasWildcard(r);
    if (!wildcardMatch(arn.service, 'iam') || !couldNameRole(arn.resource)) return false;
    return readAccountField(arn.account).kind === AccountKind.ANY;
  });
}

/** Whether a resource pattern (the part after the account) can match `role/...`. */
function couldNameRole(pattern: string): boolean {
  const literal = pattern.split(/[*?]/)[0].toLowerCase();
  return literal === pattern.toLowerCase() ? literal.startsWith('role/') : literal.startsWith('role/') || 'role/'.startsWith(literal);
}

function isNarrowedToAccounts(statement: PolicyStatement): boolean {
  return hasNarrowingClause(statement, 'aws:resourceaccount', (v, c) =>
    isUnresolvedText(v) ? !isWildcardValue(c, v) : ACCOUNT_ID.test(v))
    || hasNarrowingClause(statement, 'aws:resourceorgid', (v, c) =>
      isUnresolvedText(v) ? !isWildcardValue(c, v) : ORGANIZATION_ID.test(v))
    || hasNarrowingClause(statement, 'aws:resourceorgpaths', v => {
      const org = v.split('/')[0];
      return isUnresolvedText(org) ? !/[*?]/.test(org) : ORGANIZATION_ID.test(org);
    });
}
