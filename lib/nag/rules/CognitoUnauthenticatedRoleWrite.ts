import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag/lib/nag-rules';
import {
  cognitoRoleUse,
  FederatedKind,
  federatedPrincipalsOf,
  IamResource,
  IamTemplate,
  identityPools,
  isNarrowing,
  isUnresolvedText,
  managedPoliciesOf,
  ownStatements,
  parseArn,
  PolicyStatement,
  policyResourcesOf,
  trustVariants,
} from '../../private/iam';
import {
  amrAdmitsGuestsWhy,
  amrClauseAdmits,
  amrValueAdmitsGuests,
  COGNITO_GUEST_AMR,
  SubjectClause,
} from '../../private/iam/issuers';
import { guestIntendedAction, sensitiveReadsOf } from '../../private/iam/sensitive-actions';
import { defineRule, failure } from '../sts-rule';
import { subjectClauseOf } from '../web-identity-subject';

/** Action name prefixes that only read. */
const READ_ACTION = /^(Get|List|Describe|BatchGet|Query|Scan|Search|Lookup|View|Head|Read|Select)/i;

/**
 * A Cognito *unauthenticated* (guest) role has write permissions, wildcard actions or resources, or sensitive reads.
 *
 * A role is a guest role when an `AWS::Cognito::IdentityPoolRoleAttachment` of the same template names it as
 * `unauthenticated`; when its trust tests `cognito-identity.amazonaws.com:amr` with a value that admits guests
 * (`unauthenticated`, or a pattern matching it: `*authenticated`, `*`, `un*`); or when an identity pool of the template
 * allows guests *and* the classic (basic) flow, and the role trusts Cognito without an `amr` condition that excludes
 * guests (the basic flow lets any identity assume any role that trusts the pool).
 *
 * Its permissions are its inline policies, the policy resources of the template attached to it, and its managed
 * policies. Reported: an action whose name does not start with a read verb, `*`, `service:*`, `NotAction`,
 * `Resource: "*"` or `NotResource`, and reads that are not harmless (private/iam/sensitive-actions.ts:
 * `secretsmanager:GetSecretValue`, `kms:Decrypt`, `ssm:GetParameter*`,
 * `cognito-identity:GetOpenIdTokenForDeveloperIdentity` (a token for any developer user), `s3:GetObject` on every
 * bucket (`*`, `arn:aws:s3:::*` + `/any/key`), table, log group or stream reads on every one of the account
 * (`table/*`, `log-group:*:log-stream:*`, `stream/*`), ...). Not reported: the
 * guest policies AWS documents, on the resources it documents (sensitive-actions.ts `GUEST_INTENDED_ACTIONS`, with
 * sources): Amazon Location's maps/places/routes actions on `provider/default` (and `geo:CalculateRoute*` on one named
 * calculator), Amplify Analytics' `mobiletargeting:PutEvents`/`UpdateEndpoint` on one named app, Polly
 * `SynthesizeSpeech`, and `execute-api:Invoke` on one named API, stage and method. An AWS managed
 * policy is reported, read-only ones too: they grant on `Resource: "*"` (AmazonS3ReadOnlyAccess reads every bucket of
 * the account); a managed policy that cannot be read counts as write.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'A Cognito unauthenticated (guest) role has write permissions, wildcard actions or resources, or reads that return secrets, keys or credentials.',
    explanation:
      'Anyone on the internet can obtain guest credentials from an identity pool that allows unauthenticated ' +
      'identities, without signing in. Whatever the guest role can write, read through "*", decrypt or fetch as a secret, ' +
      'every visitor can (secretsmanager:GetSecretValue, kms:Decrypt, ssm:GetParameter* and s3:GetObject on "*" are reads ' +
      'in name only). Give the guest role only harmless reads on named resources, move the rest to the authenticated ' +
      'role, or turn guest access off. See https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html.',
  },
  (subject) => {
    if (subject.type !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
    const why = guestReason(subject.template, subject.resource);
    if (!why) return NagRuleCompliance.NOT_APPLICABLE;
    const grant = dangerousGrant(subject.template, subject.resource);
    return grant ? failure(undefined, `${grant} (a guest role: ${why})`) : NagRuleCompliance.COMPLIANT;
  },
);

/** Why the role is a guest role, or `undefined`. */
export function guestReason(template: IamTemplate, role: IamResource): string | undefined {
  if (cognitoRoleUse(template, role).guest) return 'the identity pool role attachment names it unauthenticated';
  const classicPools = identityPools(template)
    .filter((p) => p.guestAccess && p.classicFlow)
    .map((p) => p.pool.logicalId);
  for (const variant of trustVariants(template, role)) {
    for (const statement of variant.allow) {
      if (!federatedPrincipalsOf(statement, template).some((p) => p.kind === FederatedKind.COGNITO)) continue;
      // amr clauses: positive ones, ForAllValues with a negated operator (true when no amr value matches), and the
      // set shapes of issuers.ts AmrSetMode (ForAnyValue negated: some amr value matches none; ForAllValues positive:
      // every amr value matches one)
      const amr = statement.conditions
        .filter((c) => /^cognito-identity\.amazonaws\.com(\.cn)?:amr$/.test(c.keyLower))
        .map((c) => subjectClauseOf(c, 'amr'))
        .filter((c) => c.narrowing || c.excludes || c.setMode !== undefined);
      // clauses are ANDed: guests are admitted when every clause admits them
      if (amr.length > 0 && amr.every((c) => amrClauseAdmits(c, COGNITO_GUEST_AMR))) {
        return guestAmrWhy(amr[0]);
      }
      if (classicPools.length > 0 && amr.length === 0 && audienceMayBe(statement, classicPools)) {
        return 'an identity pool of the template allows guests and the classic flow, and the trust does not exclude guests';
      }
    }
  }
  return undefined;
}

/** Why an amr clause of the trust that admits guests makes a guest role. */
function guestAmrWhy(clause: SubjectClause): string {
  if (clause.excludes)
    return `its trust excludes amr ${clause.values.map((v) => `'${v}'`).join(', ')} with ForAllValues and a negated operator, which admits guests (amr unauthenticated)`;
  if (clause.setMode !== undefined)
    return `its trust admits guests (amr unauthenticated): ${amrAdmitsGuestsWhy(clause)}`;
  return `its trust admits amr '${clause.values.find((v) => amrValueAdmitsGuests(v, clause.wildcards))}', which matches unauthenticated`;
}

/** Whether the statement's Cognito audience admits one of these pools: no aud condition, or a `Ref` to one of them. */
function audienceMayBe(statement: PolicyStatement, pools: string[]): boolean {
  const aud = statement.conditions.filter(
    (c) => /^cognito-identity\.amazonaws\.com(\.cn)?:aud$/.test(c.keyLower) && isNarrowing(c),
  );
  if (aud.length === 0) return true;
  return aud.every((c) => c.values.some((v) => pools.some((id) => v === `{{Ref.${id}}}`)));
}

function dangerousGrant(template: IamTemplate, role: IamResource): string | undefined {
  const statements = [role, ...policyResourcesOf(template, role)].flatMap((r) => ownStatements(template, r));
  for (const managed of managedPoliciesOf(template, role)) {
    if (managed.local) {
      statements.push(...ownStatements(template, managed.local));
      continue;
    }
    const fields = parseArn(managed.text);
    if (fields?.account === 'aws') {
      // AWS managed policies grant on Resource "*": even a ...ReadOnly... one reads every bucket, table or secret listing
      return `AWS managed policy ${fields.resource.replace(/^policy\//, '')} (grants on every resource of its services)`;
    }
    return `managed policy ${managed.text} (not readable in the template)`;
  }
  for (const statement of statements) {
    const why = writesOrWildcard(statement) ?? sensitiveRead(statement);
    if (why) return why;
  }
  return undefined;
}

function writesOrWildcard(statement: PolicyStatement): string | undefined {
  if (statement.effect !== 'Allow') return undefined;
  if (statement.hasNotAction) return 'NotAction';
  if (statement.hasNotResource) return 'NotResource';
  // actions AWS documents for guest roles, on the resources it documents (private/iam/sensitive-actions.ts)
  const judged = statement.actions.filter((action) => !guestIntendedAction(action, statement.resources));
  if (judged.length === 0) return undefined;
  if (statement.resources.some((r) => r === '*')) return `${judged.join(', ')} on Resource "*"`;
  const write = judged.find((action) => {
    if (isUnresolvedText(action)) return false;
    const name = action.split(':')[1];
    return name === undefined || !READ_ACTION.test(name);
  });
  return write === undefined ? undefined : `write action ${write}`;
}

function sensitiveRead(statement: PolicyStatement): string | undefined {
  if (statement.effect !== 'Allow') return undefined;
  for (const action of statement.actions) {
    const [read] = sensitiveReadsOf(action, statement.resources);
    if (read) return `${read.action}: ${read.reason}`;
  }
  return undefined;
}
