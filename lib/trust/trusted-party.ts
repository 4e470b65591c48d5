import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { ConditionMap, externalIdConditions, mergeConditions, mfaConditions } from './conditions';
import { literalIn, withParameterValues } from './deploy-time';
import { StsLimits } from './limits';
import { TrustDefaults, TrustStatementSpec } from './trust-statement';
import {
  requireNonEmpty,
  validateAccountId,
  validateDuration,
  validateExternalIds,
  validateOrganizationId,
  validateOrganizationPath,
  validatePrincipalArn,
} from './validators';
import { invalidInput } from '../private/errors';

/**
 * The MFA conditions of one trusted party.
 */
export interface PartyMfaOptions {
  /**
   * Require that the caller signed in with MFA (`Bool` on `aws:MultiFactorAuthPresent`).
   *
   * Set `false` only for machine callers (roles assumed by software), which cannot carry MFA.
   *
   * @default - the role's `requireMfa` (true unless the role opts out); false for `TrustedParty.thirdParty`
   */
  readonly requireMfa?: boolean;

  /**
   * Longest time since the MFA sign-in (`NumericLessThan` on `aws:MultiFactorAuthAge`).
   * Only used when MFA is required.
   *
   * @default - the role's `mfaMaxAge`; no limit when neither sets one
   */
  readonly mfaMaxAge?: Duration;
}

/**
 * Conditions one trusted party carries in its own trust statement.
 */
export interface TrustedPartyOptions extends PartyMfaOptions {
  /**
   * ExternalIds the caller must pass (`StringEquals` on `sts:ExternalId`), each 2 to 1,224 characters
   * of `[\w+=,.@:/-]`. Required for third parties, to prevent the confused-deputy problem.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
   * @default - no ExternalId required
   */
  readonly externalIds?: string[];

  /**
   * Why this party may assume the role with no guard at all: an account of another owner trusted without MFA and
   * without an ExternalId (a CI account's root, for instance). Without this written reason such a party is refused
   * at synth; with it, the role records the matching StsChecks acknowledgement
   * (`StsChecks-CrossAccountTrustWithoutGuard`) with this reason.
   *
   * @default - an unguarded foreign account is refused
   */
  readonly unguardedReason?: string;
}

/**
 * The trust statement of one party, with what the owning role needs to compare parties.
 * @internal
 */
export interface PartyStatement extends TrustStatementSpec {
  /** Who, for messages. */
  readonly description: string;
  /** The literal account whose root is the principal (account and third-party parties). */
  readonly rootAccount?: string;
  /** The literal IAM user or role ARN that is the principal, and its account. */
  readonly principalArn?: string;
  readonly arnAccount?: string;
  /** The guards of this party. */
  readonly requireMfa: boolean;
  readonly externalIds: string[];
  /** The written reason of an unguarded foreign account, when it is one. */
  readonly unguardedReason?: string;
}

interface ResolvedPrincipal {
  readonly principal: iam.IPrincipal;
  readonly conditions?: ConditionMap;
  readonly rootAccount?: string;
  readonly principalArn?: string;
}
type PrincipalFactory = (scope: IConstruct) => ResolvedPrincipal;

const ARN_ACCOUNT = /^arn:[\w-]+:iam::(\d{12}):/;

function accountParty(scope: IConstruct, what: string, accountId: string): ResolvedPrincipal {
  const id = literalIn(scope, accountId);
  withParameterValues(id ?? accountId, (v) => validateAccountId(scope, what, v));
  return { principal: new iam.AccountPrincipal(accountId), rootAccount: id };
}

function arnParty(scope: IConstruct, arn: string, factory: string): ResolvedPrincipal {
  const literal = literalIn(scope, arn);
  // a parameter is judged by its Default and AllowedValues, as a literal ARN would be
  withParameterValues(literal ?? arn, (v) => validatePrincipalArn(scope, v, factory));
  return { principal: new iam.ArnPrincipal(arn), principalArn: literal };
}

/**
 * Someone who may assume a role, with the conditions that apply to them alone.
 *
 * Every party becomes its own trust-policy statement, so the identity account's MFA requirement and a
 * vendor's ExternalId never leak onto each other.
 *
 * @example
 * TrustedParty.account('111111111111');                                   // people of the hub account, MFA required
 * TrustedParty.thirdParty('999999999999', ['vendor-7f3a9c']);            // a vendor with its ExternalId
 * TrustedParty.organization('o-a1b2c3d4e5', { requireMfa: false });      // any principal of the organization
 */
export class TrustedParty {
  /**
   * Every principal of an account whose own identity policies allow `sts:AssumeRole` on this role
   * (trust in `arn:<partition>:iam::<account>:root`).
   */
  public static account(accountId: string, options: TrustedPartyOptions = {}): TrustedParty {
    return new TrustedParty(`account ${accountId}`, options, false, (scope) => {
      return accountParty(scope, 'trusted account id', accountId);
    });
  }

  /** One IAM user or role, by ARN (no wildcards). */
  public static principalArn(arn: string, options: TrustedPartyOptions = {}): TrustedParty {
    return new TrustedParty(`principal ${arn}`, options, false, (scope) =>
      arnParty(scope, arn, 'TrustedParty.principalArn'),
    );
  }

  /** One IAM role, by reference. */
  public static role(role: iam.IRole, options: TrustedPartyOptions = {}): TrustedParty {
    return new TrustedParty(`role ${role.node.path}`, options, false, (scope) =>
      arnParty(scope, role.roleArn, 'TrustedParty.role'),
    );
  }

  /** One IAM user, by reference. */
  public static user(user: iam.IUser, options: TrustedPartyOptions = {}): TrustedParty {
    return new TrustedParty(`user ${user.node.path}`, options, false, (scope) =>
      arnParty(scope, user.userArn, 'TrustedParty.user'),
    );
  }

  /**
   * Any principal of an AWS Organization: `Principal: {"AWS": "*"}` narrowed by `StringEquals` on
   * `aws:PrincipalOrgID`.
   */
  public static organization(organizationId: string, options: TrustedPartyOptions = {}): TrustedParty {
    return new TrustedParty(`organization ${organizationId}`, options, false, (scope) => {
      withParameterValues(organizationId, (v) => validateOrganizationId(scope, v), scope);
      return {
        principal: new iam.AnyPrincipal(),
        conditions: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
      };
    });
  }

  /**
   * Any principal of the given organization units: `Principal: {"AWS": "*"}` narrowed by
   * `ForAnyValue:StringLike` on the multi-valued `aws:PrincipalOrgPaths`.
   *
   * @param paths entity paths like `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/` (end with `*` to include child OUs)
   */
  public static organizationPaths(paths: string[], options: TrustedPartyOptions = {}): TrustedParty {
    const copy = [...paths];
    return new TrustedParty(`organization paths ${copy.join(', ')}`, options, false, (scope) => {
      requireNonEmpty(scope, 'organization paths', copy, 'at least one organization entity path');
      copy.forEach((p) => withParameterValues(p, (v) => validateOrganizationPath(scope, v), scope));
      return {
        principal: new iam.AnyPrincipal(),
        conditions: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': copy.length === 1 ? copy[0] : copy } },
      };
    });
  }

  /**
   * A third party (a vendor's AWS account) that must present one of `externalIds`.
   *
   * MFA is not required by default: vendors call from their own roles, which cannot carry MFA.
   */
  public static thirdParty(accountId: string, externalIds: string[], options: PartyMfaOptions = {}): TrustedParty {
    const ids = [...externalIds];
    return new TrustedParty(`third party ${accountId}`, { ...options, externalIds: ids }, true, (scope) => {
      requireNonEmpty(
        scope,
        'ExternalIds of third party ' + accountId,
        ids,
        'at least one ExternalId for a third party',
      );
      return accountParty(scope, 'third-party account id', accountId);
    });
  }

  private readonly options: TrustedPartyOptions;

  private constructor(
    /** Who this is, for messages. */
    public readonly description: string,
    options: TrustedPartyOptions,
    private readonly machineByDefault: boolean,
    private readonly factory: PrincipalFactory,
  ) {
    this.options = { ...options, externalIds: options.externalIds ? [...options.externalIds] : undefined };
  }

  /** The ExternalIds this party must present (empty when none). */
  public get externalIds(): string[] {
    return [...(this.options.externalIds ?? [])];
  }

  /**
   * Whether this party must sign in with MFA under the given role-wide default.
   */
  public requiresMfa(roleDefault: boolean): boolean {
    return this.options.requireMfa ?? (this.machineByDefault ? false : roleDefault);
  }

  /**
   * The trust statement of this party. Validates its inputs in `scope`.
   * @internal
   */
  public _toStatement(scope: IConstruct, defaults: TrustDefaults): PartyStatement {
    const resolved = this.factory(scope);
    const externalIds = this.options.externalIds ?? [];
    validateExternalIds(scope, externalIds, resolved.rootAccount);
    const requireMfa = this.requiresMfa(defaults.requireMfa);
    const maxAge = this.options.mfaMaxAge ?? defaults.mfaMaxAge;
    validateDuration(scope, 'MFA maximum age', maxAge, 1, StsLimits.FEDERATION_MAX_SECONDS);
    const reason = this.options.unguardedReason;
    // A foreign account's root, or one role or user of a foreign account (which may be a vendor's identity acting
    // for many customers: the confused deputy), is unguarded without MFA and without an ExternalId.
    const arnAccount = resolved.principalArn ? ARN_ACCOUNT.exec(resolved.principalArn)?.[1] : undefined;
    const foreign =
      resolved.principal instanceof iam.AccountPrincipal
        ? !isOwnAccount(scope, resolved.rootAccount)
        : arnAccount !== undefined && !isOwnAccount(scope, arnAccount);
    const unguarded = foreign && !requireMfa && externalIds.length === 0;
    if (reason !== undefined && (Token.isUnresolved(reason) || reason.trim().length < 10)) {
      throw invalidInput(
        scope,
        `unguardedReason of ${this.description}`,
        reason,
        'a written reason of at least 10 characters',
      );
    }
    if (unguarded && reason === undefined) {
      throw invalidInput(
        scope,
        `guard of ${this.description}`,
        'no MFA and no ExternalId',
        'MFA (requireMfa: true), an ExternalId (externalIds, or TrustedParty.thirdParty), ' +
          'or unguardedReason: a written reason why that account, or that identity of another account, may assume the role without either',
      );
    }
    return {
      description: this.description,
      principal: resolved.principal,
      actions: ['sts:AssumeRole', ...defaults.extraActions],
      conditions: mergeConditions(
        scope.node.path,
        resolved.conditions,
        requireMfa ? mfaConditions(maxAge) : undefined,
        externalIds.length > 0 ? externalIdConditions(externalIds) : undefined,
        defaults.extraConditions,
      ),
      rootAccount: resolved.rootAccount,
      principalArn: resolved.principalArn,
      arnAccount,
      requireMfa,
      externalIds: [...externalIds],
      unguardedReason: unguarded ? reason : undefined,
    };
  }
}

/** The stack's own account: trusting its root delegates to the account's own IAM policies. */
function isOwnAccount(scope: IConstruct, account: string | undefined): boolean {
  if (account === undefined) return false;
  const own = Stack.of(scope).account;
  return !Token.isUnresolved(own) && own === account;
}
