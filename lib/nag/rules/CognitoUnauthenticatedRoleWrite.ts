import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  allowTrustStatementsOf, attachesToRole, hasNarrowingClause, identityDocumentsOf, isUnresolvedText, managedPolicyArnsOf,
  parseArn, PolicyStatement, readResource, readStatements, referenceOf, ResolvedResource, templateOf, textOf,
} from '../policy-reader';
import { defineRule } from '../sts-rule';

/** Action name prefixes that only read. */
const READ_ACTION = /^(Get|List|Describe|BatchGet|Query|Scan|Search|Lookup|View|Head|Read|Select)/i;

const POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy'];

/**
 * A Cognito *unauthenticated* (guest) role has write or wildcard permissions.
 *
 * A role is a guest role when an `AWS::Cognito::IdentityPoolRoleAttachment` of the same template names it as
 * `unauthenticated`, or when its trust tests `cognito-identity.amazonaws.com:amr` = `unauthenticated`.
 * Its permissions are its inline policies, the policy resources of the template attached to it, and its managed
 * policies. Write = an action whose name does not start with a read verb (Get, List, Describe, BatchGet, Query, Scan,
 * Search, Lookup, View, Head, Read, Select), `*`, `service:*` or `NotAction`; wildcard = `Resource: "*"` or
 * `NotResource`. An AWS managed policy counts as write unless its name contains "ReadOnly"; a managed policy that
 * cannot be read at synth time counts as write.
 */
export default defineRule(__filename, {
  level: NagMessageLevel.ERROR,
  info: 'A Cognito unauthenticated (guest) role has write permissions, wildcard actions or wildcard resources.',
  explanation: 'Anyone on the internet can obtain guest credentials from an identity pool that allows unauthenticated '
    + 'identities, without signing in. Whatever the guest role can write or reach through "*", every visitor can. Give '
    + 'the guest role only read actions on named resources, move write access to the authenticated role, or turn guest '
    + 'access off.',
}, (node) => {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
  const role = readResource(node);
  if (!role || !isGuestRole(node, role)) return NagRuleCompliance.NOT_APPLICABLE;
  return grantsWriteOrWildcard(node, role) ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
});

function isGuestRole(node: CfnResource, role: ResolvedResource): boolean {
  const roleName = typeof role.properties.RoleName === 'string' ? role.properties.RoleName : undefined;
  const attached = templateOf(node).ofType('AWS::Cognito::IdentityPoolRoleAttachment').some(attachment => {
    const roles = attachment.properties.Roles;
    if (typeof roles !== 'object' || roles === null) return false;
    const guest = (roles as { [key: string]: unknown }).unauthenticated;
    if (guest === undefined) return false;
    const text = textOf(guest);
    const ref = referenceOf(text);
    if (ref) return ref.logicalId === role.logicalId;
    return roleName !== undefined && (parseArn(text)?.resource ?? '').split('/').pop() === roleName;
  });
  if (attached) return true;
  return allowTrustStatementsOf(node).some(s =>
    hasNarrowingClause(s, 'cognito-identity.amazonaws.com:amr', v => v.toLowerCase() === 'unauthenticated'));
}

function grantsWriteOrWildcard(node: CfnResource, role: ResolvedResource): boolean {
  const index = templateOf(node);
  const roleName = typeof role.properties.RoleName === 'string' ? role.properties.RoleName : undefined;
  const documents = [...identityDocumentsOf(role)];
  for (const type of POLICY_TYPES) {
    for (const policy of index.ofType(type)) {
      if (attachesToRole(policy, role.logicalId, roleName)) documents.push(...identityDocumentsOf(policy));
    }
  }
  for (const arn of managedPolicyArnsOf(role)) {
    const ref = referenceOf(arn);
    const local = ref ? index.resource(ref.logicalId) : undefined;
    if (local?.type === 'AWS::IAM::ManagedPolicy') {
      documents.push(...identityDocumentsOf(local));
      continue;
    }
    const fields = parseArn(arn);
    const awsManagedReadOnly = fields?.account === 'aws' && /ReadOnly/i.test(fields.resource);
    if (!awsManagedReadOnly) return true;
  }
  return documents.flatMap(d => readStatements(d, index)).some(writesOrWildcard);
}

function writesOrWildcard(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.hasNotAction || statement.hasNotResource) return true;
  if (statement.resources.some(r => r === '*')) return true;
  return statement.actions.some(action => {
    if (isUnresolvedText(action)) return false;
    const name = action.split(':')[1];
    return name === undefined || !READ_ACTION.test(name);
  });
}
