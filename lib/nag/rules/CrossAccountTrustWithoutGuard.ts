import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  AccountKind, AwsPrincipalInfo, allowTrustStatementsOf, hasNarrowingClause, isWildcardValue, parseArn, PolicyStatement,
  readAccountField, readAwsPrincipal, requiresMfa, stackAccountOf, templateOf,
} from '../policy-reader';
import { defineRule, RuleOptions } from '../sts-rule';

/**
 * A role trusts a principal of another account without a guard: no `sts:ExternalId` equality, no MFA, and the
 * principal is an account (root) rather than concrete principal ARNs.
 *
 * Own accounts are exempt: the stack's concrete account, `AWS::AccountId`, resources of the same template and the
 * `ownAccounts` prop. With the `organizationId` prop, a statement that requires that organization
 * (`aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`) is exempt too. An account that cannot be read at synth time
 * (a parameter, an import) is treated as foreign.
 */
export default defineRule(__filename, {
  level: NagMessageLevel.ERROR,
  info: 'The trust policy trusts another account without an ExternalId (StringEquals sts:ExternalId), without MFA and without narrowing to concrete principal ARNs.',
  explanation: 'Trusting another account root delegates the decision to whoever administers that account: any of its '
    + 'users or roles allowed sts:AssumeRole can become this role. For a third party, require an ExternalId '
    + '(StringEquals sts:ExternalId, against the confused deputy); for humans, require MFA (Bool '
    + 'aws:MultiFactorAuthPresent true); otherwise name the exact role or user ARNs (in Principal or aws:PrincipalArn). '
    + 'If the account is your own, list it in StsChecks ownAccounts, or pass organizationId and require aws:PrincipalOrgID.',
}, (node, options) => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  const index = templateOf(node);
  for (const statement of allowTrustStatementsOf(node)) {
    const foreign = statement.principals
      .filter(p => p.type === 'AWS' && p.text !== '*')
      .map(p => readAwsPrincipal(p.text, index))
      .filter(p => !p.concrete && !isOwn(p, node, options));
    if (foreign.length > 0 && !isGuarded(statement, options)) return NagRuleCompliance.NON_COMPLIANT;
  }
  return NagRuleCompliance.COMPLIANT;
});

function isOwn(principal: AwsPrincipalInfo, node: CfnResource, options: RuleOptions): boolean {
  const { kind, id } = principal.account;
  if (kind === AccountKind.STACK) return true;
  if (kind !== AccountKind.CONCRETE || id === undefined) return false;
  return id === stackAccountOf(node) || options.ownAccounts.includes(id);
}

function isGuarded(statement: PolicyStatement, options: RuleOptions): boolean {
  if (hasNarrowingClause(statement, 'sts:externalid', (v, c) => !isWildcardValue(c, v))) return true;
  if (requiresMfa(statement)) return true;
  if (hasNarrowingClause(statement, 'aws:principalarn', (v, c) => {
    const arn = parseArn(v);
    if (!arn || isWildcardValue(c, v)) return false;
    return readAccountField(arn.account).kind !== AccountKind.ANY && /^(role|user|assumed-role|federated-user)\//.test(arn.resource);
  })) return true;
  const org = options.organizationId;
  if (org !== undefined) {
    if (hasNarrowingClause(statement, 'aws:principalorgid', v => v === org)) return true;
    if (hasNarrowingClause(statement, 'aws:principalorgpaths', v => v.startsWith(`${org}/`))) return true;
  }
  return false;
}
