import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { assumeActionFor, hasWildcard, isUnresolvedText, PolicyStatement, samePrincipal } from '../../private/iam';
import type { IamTemplate } from '../../private/iam';
import { defineRule, judgeTrust } from '../sts-rule';

const ASSUME_ACTIONS = ['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity'];

/** Actions that accompany an assume action (session tags, source identity, context). */
const COMPANION_ACTIONS = ['sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext'];

/**
 * An Allow trust statement grants the wrong assume action for its principal: a SAML provider needs
 * `sts:AssumeRoleWithSAML`, an OIDC provider, Cognito or a built-in web identity provider needs
 * `sts:AssumeRoleWithWebIdentity`, and AWS or service principals need `sts:AssumeRole`. Also reported: an assume
 * action that belongs to another kind of principal, and wildcard actions (`sts:*`, `sts:Assume*`, `*`), which grant
 * every kind at once. Companion actions (`sts:TagSession`, `sts:SetSourceIdentity`, `sts:SetContext`) are fine, also in a
 * statement of their own next to one that grants the same principals the assume action.
 * Federated principals whose kind cannot be read at synth time (a parameter, an import) are skipped, unless the
 * action is a wildcard; `NotAction` is left to TrustNotPrincipalOrNotAction.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy grants an assume action that does not match its principal (or a wildcard action).',
    explanation:
      'Each kind of principal can only use one assume API: sts:AssumeRoleWithSAML for a SAML provider, ' +
      'sts:AssumeRoleWithWebIdentity for OIDC providers, Cognito and other web identity providers, sts:AssumeRole for ' +
      'AWS accounts, roles, users and services. With the wrong action the federation silently fails at sign-in time; ' +
      'with a wildcard, the statement grants more than it means to. List exactly the action of the principal (plus ' +
      'sts:TagSession / sts:SetSourceIdentity when sessions carry tags or a source identity).',
  },
  (subject) =>
    judgeTrust(subject, (variant) =>
      variant.writtenAllow.some((s) => mismatched(s, subject.template, variant.writtenAllow)),
    ),
);

function mismatched(statement: PolicyStatement, template: IamTemplate, all: readonly PolicyStatement[]): boolean {
  if (statement.hasNotAction || statement.principals.length === 0) return false;
  const expected = new Set<string>();
  let unknownKind = false;
  for (const principal of statement.principals) {
    const action = assumeActionFor(principal, template);
    if (action) expected.add(action.toLowerCase());
    else unknownKind = true;
  }
  const actions = statement.actions.filter((a) => !isUnresolvedText(a)).map((a) => a.toLowerCase());
  // a wildcard grants every kind at once, also to a federated principal whose kind cannot be read
  if (actions.some(hasWildcard)) return true;
  if (expected.size === 0) return false;
  // a statement of companion actions only is fine next to a statement granting the same principals an assume action
  // (the CDK bootstrap template writes sts:TagSession apart)
  if (actions.length > 0 && actions.every((a) => COMPANION_ACTIONS.includes(a))) {
    return !all.some(
      (other) =>
        other !== statement &&
        grantsAssume(other) &&
        statement.principals.every((p) => other.principals.some((o) => samePrincipal(o, p))),
    );
  }
  const granted = actions.filter((a) => ASSUME_ACTIONS.includes(a));
  if ([...expected].some((e) => !granted.includes(e))) return true;
  return !unknownKind && granted.some((a) => !expected.has(a));
}

function grantsAssume(statement: PolicyStatement): boolean {
  return statement.actions.some((a) => ASSUME_ACTIONS.includes(a.toLowerCase()));
}
