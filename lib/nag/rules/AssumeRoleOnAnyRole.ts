import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  ACCOUNT_ID,
  AccountKind,
  allowsAction,
  effectiveIdentityStatements,
  firstText,
  hasIdentityPolicies,
  hasNarrowingClause,
  hasWildcard,
  IamResource,
  INLINE_POLICY_OWNERS,
  isSameOwnerVariable,
  isUnresolvedText,
  isWildcardValue,
  managedPoliciesOf,
  ORGANIZATION_ID,
  ownStatements,
  parseArn,
  PolicyStatement,
  readAccountField,
  refersTo,
  wildcardMatch,
} from '../../private/iam';
import { defineRule, RuleSubject } from '../sts-rule';

/**
 * An identity policy (`AWS::IAM::Policy`, `ManagedPolicy`, `RolePolicy`/`UserPolicy`/`GroupPolicy`, or inline
 * `Policies` of a role, user or group) allows `sts:AssumeRole` (also through `sts:Assume*`, `sts:*`, `*` or
 * `NotAction`) on `*`, on `NotResource`, or on role patterns that span accounts (`arn:PARTITION:iam::*:role/...`).
 * A positive match on `aws:ResourceAccount` or `aws:ResourceOrgID` / `aws:ResourceOrgPaths` narrows it, also to the
 * caller's own account / organization written as a policy variable (`aws:ResourceOrgID` = `${aws:PrincipalOrgID}`).
 * Resources from parameters or `Fn::GetAtt` are concrete. A Deny of the same policy that makes `aws:ResourceAccount` /
 * `aws:ResourceOrgID` required narrows like the Allow-side condition (Allow minus Deny); a managed policy that is only a
 * permissions boundary grants nothing and is not judged.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'An identity policy allows sts:AssumeRole on "*" or on role ARNs that span accounts.',
    explanation:
      'sts:AssumeRole on "*" lets the identity assume every role, in any account, whose trust policy trusts its ' +
      'account, including roles added later and roles of third parties that trust you; a single compromised identity ' +
      'then reaches all of them. List the role ARNs the identity needs (arn:PARTITION:iam::ACCOUNT:role/NAME), or ' +
      'narrow with aws:ResourceAccount / aws:ResourceOrgID. Administrator policies ("*" on "*") are reported too: ' +
      'acknowledge them with a reason.',
  },
  (subject) => {
    if (!hasIdentityPolicies(subject.resource) || isPermissionsBoundaryOnly(subject))
      return NagRuleCompliance.NOT_APPLICABLE;
    // a resource whose Condition never holds in any reachable variant is never created
    if (!subject.exists()) return NagRuleCompliance.NOT_APPLICABLE;
    const statements = effectiveIdentityStatements(ownStatements(subject.template, subject.resource));
    return statements.some(spansAccounts) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
);

/**
 * A managed policy that grants nothing by itself: attached to no identity of the template, and either used as a
 * permissions boundary there or named / described as one (the CDK bootstrap template's
 * `cdk-*-permissions-boundary-*`, whose "Allow * on *" is the ceiling a boundary sets, not a grant).
 */
function isPermissionsBoundaryOnly(subject: RuleSubject): boolean {
  const { template, resource } = subject;
  if (resource.type !== 'AWS::IAM::ManagedPolicy') return false;
  if (['Roles', 'Users', 'Groups'].some((p) => resource.properties[p] !== undefined)) return false;
  const identities = template.ofType(...INLINE_POLICY_OWNERS);
  if (identities.some((i) => managedPoliciesOf(template, i).some((m) => m.local === resource))) return false;
  const boundary = (i: IamResource) => i.properties.PermissionsBoundary;
  if (identities.some((i) => boundary(i) !== undefined && refersTo(template, boundary(i), resource))) return true;
  const words = [resource.properties.ManagedPolicyName, resource.properties.Description]
    .map((v) => firstText(template, v))
    .join(' ');
  return /permissions?[-_ ]?boundary/i.test(words);
}

function spansAccounts(statement: PolicyStatement): boolean {
  if (!allowsAction(statement, 'sts:AssumeRole')) return false;
  if (isNarrowedToAccounts(statement)) return false;
  if (statement.hasNotResource) return true;
  return statement.resources.some((r) => {
    if (isUnresolvedText(r) && !hasWildcard(r)) return false;
    const arn = parseArn(r);
    if (!arn) return hasWildcard(r);
    if (!wildcardMatch(arn.service, 'iam') || !couldNameRole(arn.resource)) return false;
    // `${aws:PrincipalAccount}` is the caller's own account; `${aws:ResourceAccount}` is every role's own
    return readAccountField(arn.account, 'aws:principalaccount').kind === AccountKind.ANY;
  });
}

/** Whether a resource pattern (the part after the account) can match `role/...`. */
function couldNameRole(pattern: string): boolean {
  const literal = pattern.split(/[*?]/)[0].toLowerCase();
  return literal === pattern.toLowerCase()
    ? literal.startsWith('role/')
    : literal.startsWith('role/') || 'role/'.startsWith(literal);
}

/**
 * A positive `aws:ResourceAccount` / `aws:ResourceOrgID` / `aws:ResourceOrgPaths` match on concrete values, or on the
 * caller's own account / organization as a policy variable (`aws:ResourceOrgID` = `${aws:PrincipalOrgID}`, AWS's
 * same-organization spelling: policy.ts `isSameOwnerVariable`).
 */
function isNarrowedToAccounts(statement: PolicyStatement): boolean {
  return (
    hasNarrowingClause(
      statement,
      'aws:resourceaccount',
      (v, c) =>
        isSameOwnerVariable(c.keyLower, v) || (isUnresolvedText(v) ? !isWildcardValue(c, v) : ACCOUNT_ID.test(v)),
    ) ||
    hasNarrowingClause(
      statement,
      'aws:resourceorgid',
      (v, c) =>
        isSameOwnerVariable(c.keyLower, v) || (isUnresolvedText(v) ? !isWildcardValue(c, v) : ORGANIZATION_ID.test(v)),
    ) ||
    hasNarrowingClause(statement, 'aws:resourceorgpaths', (v) => {
      const org = v.split('/')[0];
      return isUnresolvedText(org) ? !/[*?]/.test(org) : ORGANIZATION_ID.test(org);
    })
  );
}
