import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { ConditionMap, mergeConditions, oneOrMany } from './conditions';
import { policyLength } from './policy-size';
import { PartyStatement } from './trusted-party';
import { TrustStatementSpec, toPolicyStatement } from './trust-statement';
import { invalidInput } from '../private/errors';

/*
 * Internal: how a role with many trusted parties stays correct and within IAM's trust-policy quota.
 *
 * 1. Conflicting parties are refused (the choice documented in the README): one account or one principal ARN
 *    listed twice, or a principal ARN whose guards are weaker than those of its own account's party. IAM ORs
 *    the statements of a policy, so the weaker statement would silently bypass the stronger one (an ExternalId,
 *    MFA). The caller decides which conditions that account needs and lists it once.
 *
 * 2. When one statement per party does not fit the quota, the account parties (roots of other accounts) with
 *    the same conditions share one statement: principal {"AWS": "*"} and StringEquals on aws:PrincipalAccount,
 *    which admits the IAM principals of the listed accounts exactly as their roots do (about 15 characters per
 *    account instead of about 33-45 for a root ARN). Each statement keeps its own condition set, so no party's
 *    MFA or ExternalId leaks onto another. The stack's own account is never compacted: trusting its root
 *    delegates to the account's identity policies, whereas {"AWS": "*"} with its id would admit every principal
 *    of the account by the trust policy alone. In an environment-agnostic stack, where the own account is not
 *    known at synth, each compact statement excludes it (StringNotEquals aws:PrincipalAccount AWS::AccountId).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
 */

/** Throws when two parties name the same account or principal, or a principal ARN bypasses its account's guards. */
export function refuseConflictingParties(scope: IConstruct, statements: readonly PartyStatement[]): void {
  const roots = new Map<string, PartyStatement>();
  const arns = new Map<string, PartyStatement>();
  const conflict = (a: PartyStatement, b: PartyStatement, why: string) =>
    invalidInput(
      scope,
      'trustedParties',
      `${a.description} and ${b.description}`,
      `${why}; IAM would admit a caller through the weaker statement. ` +
        'List the account or principal once, with the conditions it needs (MFA, ExternalIds)',
    );
  for (const st of statements) {
    if (st.rootAccount !== undefined) {
      const other = roots.get(st.rootAccount);
      if (other) throw conflict(other, st, `each account once: account ${st.rootAccount} is trusted twice`);
      roots.set(st.rootAccount, st);
    }
    if (st.principalArn !== undefined) {
      const other = arns.get(st.principalArn);
      if (other) throw conflict(other, st, `each principal once: ${st.principalArn} is trusted twice`);
      arns.set(st.principalArn, st);
    }
  }
  for (const st of statements) {
    const root = st.arnAccount !== undefined ? roots.get(st.arnAccount) : undefined;
    if (!root) continue;
    const weakerMfa = root.requireMfa && !st.requireMfa;
    const weakerExternalId =
      (root.externalIds.length > 0 && !st.externalIds.every((id) => root.externalIds.includes(id))) ||
      (root.externalIds.length > 0 && st.externalIds.length === 0);
    if (weakerMfa || weakerExternalId) {
      throw conflict(
        root,
        st,
        `a principal of account ${root.rootAccount} with at least that account's guards ` +
          `(${weakerMfa ? 'MFA' : 'its ExternalIds'}): it would bypass them`,
      );
    }
  }
}

/** The length of a trust policy made of these statements, as the quota counts it. */
export function trustLength(scope: IConstruct, statements: readonly TrustStatementSpec[]): number {
  const doc = new iam.PolicyDocument({ statements: statements.map(toPolicyStatement) });
  return policyLength(Stack.of(scope).resolve(doc.toJSON()), scope).length;
}

/**
 * The compact form of the statements when one statement per party does not fit `quota`, else `undefined`.
 * Statements that are not the root of another literal account stay as they are.
 */
export function compactTrust(
  scope: IConstruct,
  statements: readonly PartyStatement[],
  quota: number,
): TrustStatementSpec[] | undefined {
  const own = Stack.of(scope).account;
  const ownKnown = !Token.isUnresolved(own);
  const compactable = (st: PartyStatement) => st.rootAccount !== undefined && !(ownKnown && st.rootAccount === own);
  if (statements.filter(compactable).length < 2) return undefined;
  if (trustLength(scope, statements) <= quota) return undefined;

  const groups = new Map<string, { first: PartyStatement; accounts: string[] }>();
  const out: Array<TrustStatementSpec | { group: string }> = [];
  for (const st of statements) {
    if (!compactable(st)) {
      out.push(st);
      continue;
    }
    const key = JSON.stringify([st.actions, Stack.of(scope).resolve(st.conditions)]);
    const group = groups.get(key);
    if (group) {
      group.accounts.push(st.rootAccount!);
    } else {
      groups.set(key, { first: st, accounts: [st.rootAccount!] });
      out.push({ group: key });
    }
  }
  return out.map((item) => {
    if (!('group' in item)) return item;
    const { first, accounts } = groups.get(item.group)!;
    const scoping: ConditionMap = { StringEquals: { 'aws:PrincipalAccount': oneOrMany(accounts) } };
    const excludeOwn: ConditionMap | undefined = ownKnown
      ? undefined
      : { StringNotEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } };
    return {
      principal: new iam.AnyPrincipal(),
      actions: [...first.actions],
      conditions: mergeConditions(scope.node.path, first.conditions, scoping, excludeOwn),
    };
  });
}
