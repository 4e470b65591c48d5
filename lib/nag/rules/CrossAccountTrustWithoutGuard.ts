import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import {
  admittedParties,
  allowsAction,
  hasNarrowingClause,
  isWildcardValue,
  narrowsToOrganization,
  ownershipOf,
  PolicyStatement,
  requiresMfa,
} from '../../private/iam';
import { defineRule, judgeTrust, RuleOptions } from '../sts-rule';

/**
 * A role trusts another account without a guard: no `sts:ExternalId` equality, no MFA, no organization the user
 * named (`organizationId` + `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`).
 *
 * Who is admitted is read from the model (accounts.ts), whatever the spelling: account roots and ids, role or user
 * ARNs, and `"*"` narrowed by `aws:PrincipalAccount` or `aws:PrincipalArn` (issue 8, cause 5: `{"AWS":"*"}` with
 * `aws:PrincipalAccount` = a foreign account gets the same requirement as that account's root). Deny statements that
 * make a key required count as the Allow-side guard (effective trust, trust.ts).
 *
 * Own accounts are exempt: the stack's concrete account, `AWS::AccountId`, resources of the same template and the
 * `ownAccounts` prop. An account that cannot be read at synth time (a parameter, an import) is treated as foreign
 * when an account is trusted as a whole.
 *
 * The confused deputy (lead decision 14:30, issue 8 cause 5): a *concrete* role, user or session (named in
 * `Principal` or required by `aws:PrincipalArn`) in a LITERAL foreign account — a 12-digit id that is not the stack's
 * account and not in `ownAccounts` — needs the guard too: that identity may be a vendor's role acting for many
 * customers, and only an ExternalId (or MFA, or the user's own organization) tells this role's owner apart. A concrete
 * principal whose account is unknown at synth time (a parameter, an import) stays exempt: it is almost always the
 * user's own pipeline or deployment account. Everything that admits a whole account — its root, its id, an ARN
 * pattern over it, `"*"` narrowed by `aws:PrincipalAccount` or by an account-wide `aws:PrincipalArn` — needs the
 * guard whatever its account (foreign or unknown). With `organizationId` given, so does `"*"` narrowed only to
 * another organization (`aws:PrincipalOrgID` / `aws:PrincipalOrgPaths`): its accounts are foreign too.
 */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy trusts another account, or a role/user of another account, without an ExternalId (StringEquals sts:ExternalId), without MFA and without the organization.',
    explanation:
      'Trusting another account root delegates the decision to whoever administers that account: any of its ' +
      'users or roles allowed sts:AssumeRole can become this role. For a third party, require an ExternalId ' +
      '(StringEquals sts:ExternalId, against the confused deputy); for humans, require MFA (Bool ' +
      'aws:MultiFactorAuthPresent true). Naming one role or user of a foreign account is not enough: that identity ' +
      'may act for many customers (the confused deputy). If the account is your own, list it in StsChecks ownAccounts, ' +
      'or pass organizationId and require aws:PrincipalOrgID.',
  },
  (subject, options) =>
    judgeTrust(subject, (variant) =>
      variant.allow.some((statement) => {
        // a statement without sts:AssumeRole (sts:SetSourceIdentity or sts:TagSession alone) admits nobody: TrustActionMismatch
        if (!allowsAction(statement, 'sts:AssumeRole')) return false;
        const unguarded = admittedParties(statement, subject.template).filter((party) => {
          const owner = ownershipOf(party.account, subject.stackAccount, options.ownAccounts);
          if (owner === 'own') return false;
          // "*" narrowed by neither account nor ARN is WildcardPrincipalTrust's, unless it is narrowed to an organization
          // other than the one given (`organizationId`): every account of that organization is foreign
          if (party.text === '*' && party.via === 'Principal') return toAnotherOrganization(statement, options);
          if (party.concrete && owner !== 'foreign') return false; // one identity of an unknown account: see above
          return true;
        });
        return unguarded.length > 0 && !isGuarded(statement, options);
      }),
    ),
);

/** Whether `organizationId` is given and the statement narrows to an organization, but not to that one. */
function toAnotherOrganization(statement: PolicyStatement, options: RuleOptions): boolean {
  return (
    options.organizationId !== undefined &&
    narrowsToOrganization(statement) &&
    !narrowsToOrganization(statement, options.organizationId)
  );
}

function isGuarded(statement: PolicyStatement, options: RuleOptions): boolean {
  if (hasNarrowingClause(statement, 'sts:externalid', (v, c) => !isWildcardValue(c, v))) return true;
  if (requiresMfa(statement)) return true;
  return options.organizationId !== undefined && narrowsToOrganization(statement, options.organizationId);
}
