/**
 * Who is admitted: the AWS accounts an AWS-principal grant of a trust statement admits, whatever the spelling —
 * account roots, bare ids, role/user ARNs, or `"*"` narrowed by `aws:PrincipalAccount` / `aws:PrincipalArn` (positive,
 * required matches; `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths` admit an organization, not accounts). Each party
 * is classified own / foreign / unknown / any against the stack's account and the user's own accounts.
 */
import {
  ConditionClause,
  PolicyStatement,
  hasNarrowingClause,
  isNarrowing,
  isSameOwnerVariable,
  isWildcardPrincipal,
  isWildcardValue,
} from './policy';
import { AccountKind, AccountRef, readAccountField, readAwsPrincipal } from './principals';
import type { IamTemplate } from './template';
import { hasWildcard, isPolicyVariable, isUnresolvedText, parseArn } from './text';

/** One party a statement admits. */
export interface AdmittedParty {
  /** The principal or condition value as text. */
  readonly text: string;
  readonly account: AccountRef;
  /** Names one role, user or session (not an account, no wildcard). */
  readonly concrete: boolean;
  /** Where it is written: `Principal`, `aws:PrincipalAccount` or `aws:PrincipalArn` (narrowing a `"*"`). */
  readonly via: string;
}

/** Whose account a party is. */
export type Ownership = 'own' | 'foreign' | 'unknown' | 'any';

const CONCRETE_RESOURCE = /^(role|user|assumed-role|federated-user)\//;

/**
 * The parties an Allow statement's AWS principals admit. A `"*"` (or `{"AWS":"*"}`) is replaced by the accounts or
 * ARNs its `aws:PrincipalArn` / `aws:PrincipalAccount` clauses require; un-narrowed (or narrowed only by an
 * organization) it admits `any` account, reported with `via: 'Principal'` and `text: '*'`.
 */
export function admittedParties(statement: PolicyStatement, template?: IamTemplate): AdmittedParty[] {
  const hasAws = statement.principals.some((p) => p.type === 'AWS' || p.type === '*');
  if (
    hasAws &&
    statement.conditions.some((c) => c.keyLower === 'aws:principalarn' && isNarrowing(c) && c.values.length > 0)
  ) {
    // whoever is admitted must also match aws:PrincipalArn: it bounds the principals, whatever they are
    return narrowedWildcard(statement, template);
  }
  const parties: AdmittedParty[] = [];
  for (const p of statement.principals) {
    if (p.type !== 'AWS' || p.text === '*') continue;
    const info = readAwsPrincipal(p.text, template);
    parties.push({ text: p.text, account: info.account, concrete: info.concrete, via: 'Principal' });
  }
  if (statement.principals.some(isWildcardPrincipal)) parties.push(...narrowedWildcard(statement, template));
  return parties;
}

function narrowedWildcard(statement: PolicyStatement, template?: IamTemplate): AdmittedParty[] {
  const arnClauses = statement.conditions.filter(
    (c) => c.keyLower === 'aws:principalarn' && isNarrowing(c) && c.values.length > 0,
  );
  if (arnClauses.length > 0) {
    // clauses are ANDed: the most specific one (fewest values) bounds who is admitted
    const clause = arnClauses.reduce((a, b) => (b.values.length < a.values.length ? b : a));
    return clause.values.map((v) => {
      const arn = parseArn(v);
      if (!arn) {
        if (isWildcardValue(clause, v))
          return { text: v, account: readAccountField('*'), concrete: false, via: 'aws:PrincipalArn' };
        // a whole unknown value (a parameter, a GetAtt X.Arn) stands for one ARN: one identity, of the template's
        // account when it is a role or user of the template
        const info = readAwsPrincipal(v, template);
        return { text: v, account: info.account, concrete: isUnresolvedText(v), via: 'aws:PrincipalArn' };
      }
      const wild = isWildcardValue(clause, v);
      return {
        text: v,
        account: principalArnAccount(clause, v),
        concrete: CONCRETE_RESOURCE.test(arn.resource) && !(wild && hasWildcard(arn.resource)),
        via: 'aws:PrincipalArn',
      };
    });
  }
  const accountClause = statement.conditions.find(
    (c) => c.keyLower === 'aws:principalaccount' && isNarrowing(c) && c.values.length > 0,
  );
  if (accountClause) {
    return accountClause.values.map((v) => ({
      text: v,
      // `${aws:ResourceAccount}`: the role's own account (policy.ts isSameOwnerVariable)
      account: isSameOwnerVariable(accountClause.keyLower, v)
        ? { kind: AccountKind.STACK }
        : readAccountField(isWildcardValue(accountClause, v) ? '*' : v),
      concrete: false,
      via: 'aws:PrincipalAccount',
    }));
  }
  return [{ text: '*', account: { kind: AccountKind.ANY }, concrete: false, via: 'Principal' }];
}

/**
 * The account an `aws:PrincipalArn` value (an ARN) admits under its clause's operator. `${aws:ResourceAccount}` in
 * the account field is the role's own account, `${aws:PrincipalAccount}` every caller's own. Under `StringLike`, a
 * wildcard before the account field also crosses colons, and IAM role paths may hold colons: `arn:*:iam::111:role/x`
 * matches `arn:aws:iam::999:role/p:iam::111:role/x` of account 999 (ARN operators match field by field,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN).
 */
export function principalArnAccount(clause: ConditionClause, value: string): AccountRef {
  const arn = parseArn(value);
  if (!arn) return readAccountField(isWildcardValue(clause, value) ? '*' : value);
  const wild = isWildcardValue(clause, value);
  const crossesFields =
    wild && clause.base.startsWith('string') && [arn.partition, arn.service, arn.region].some(hasWildcard);
  return readAccountField(
    crossesFields || (wild && hasWildcard(arn.account)) ? '*' : arn.account,
    'aws:resourceaccount',
  );
}

/**
 * Whether the statement narrows a `"*"` to an organization (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`): the one
 * given, or the role's own (`aws:PrincipalOrgID` = `${aws:ResourceOrgID}`); another policy variable does not narrow.
 */
export function narrowsToOrganization(statement: PolicyStatement, organizationId?: string): boolean {
  const org = (v: string) =>
    organizationId === undefined ? !hasWildcard(v) && !isPolicyVariable(v) : v === organizationId;
  return (
    hasNarrowingClause(statement, 'aws:principalorgid', (v, c) => isSameOwnerVariable(c.keyLower, v) || org(v)) ||
    hasNarrowingClause(statement, 'aws:principalorgpaths', (v) => org(v.split('/')[0]) && v.includes('/'))
  );
}

/** Whose account a party is: the stack's, one of `ownAccounts`, another concrete one, unknown, or any. */
export function ownershipOf(
  account: AccountRef,
  stackAccount: string | undefined,
  ownAccounts: readonly string[],
): Ownership {
  switch (account.kind) {
    case AccountKind.STACK:
      return 'own';
    case AccountKind.ANY:
      return 'any';
    case AccountKind.UNKNOWN:
      return 'unknown';
    default:
      return account.id !== undefined && (account.id === stackAccount || ownAccounts.includes(account.id))
        ? 'own'
        : 'foreign';
  }
}
