import { Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { compactTrust, refuseConflictingParties } from '../trust/compact-trust';
import { Construct } from 'constructs';
import { signinHost } from '../private/partition';
import { invalidInput } from '../private/errors';
import { ConditionMap } from '../trust/conditions';
import { StsLimits } from '../trust/limits';
import { StsRole, StsRoleProps } from '../trust/sts-role';
import { TrustedParty } from '../trust/trusted-party';
import { requireNonEmpty, validateDuration, validateNarrowingPattern, validateTagKey } from '../trust/validators';

/**
 * Properties of a {@link CrossAccountRole}.
 */
export interface CrossAccountRoleProps extends StsRoleProps {
  /**
   * The role's name. Roles people switch into have fixed names: the name is what they type in the
   * console, and what other accounts' policies point at.
   */
  readonly roleName: string;

  /**
   * Who may assume the role; each party gets its own trust statement with only its own conditions.
   * At least one.
   */
  readonly trustedParties: TrustedParty[];

  /**
   * Require MFA from every party that does not say otherwise (`Bool` on `aws:MultiFactorAuthPresent`).
   * Opting out is this explicit `false`.
   * @default true
   */
  readonly requireMfa?: boolean;

  /**
   * Longest time since the MFA sign-in, for parties that require MFA (`aws:MultiFactorAuthAge`).
   * @default - no limit
   */
  readonly mfaMaxAge?: Duration;

  /**
   * Allow callers to set a source identity (`sts:SetSourceIdentity`), which follows the session through
   * role chaining and into CloudTrail.
   * @default false
   */
  readonly allowSourceIdentity?: boolean;

  /**
   * Require a source identity matching this `StringLike` pattern (for example `*@example.com`).
   * Implies `allowSourceIdentity`.
   * @default - a source identity is optional
   */
  readonly requiredSourceIdentityPattern?: string;

  /**
   * Allow callers to pass session tags (`sts:TagSession`).
   * @default false
   */
  readonly allowSessionTags?: boolean;

  /**
   * The only session tag keys callers may pass (`ForAllValues:StringEquals` on `aws:TagKeys`).
   * Implies `allowSessionTags`.
   * @default - any tag key, when session tags are allowed
   */
  readonly allowedSessionTagKeys?: string[];
}

/**
 * Options of an AWS CLI profile for a {@link CrossAccountRole}.
 */
export interface CliProfileOptions {
  /** The profile's name, as in `[profile NAME]`. */
  readonly profileName: string;

  /** The profile holding the caller's own credentials (an access key of the identity account). */
  readonly sourceProfile: string;

  /**
   * The caller's MFA device ARN. Required when the role requires MFA.
   * @default - none
   */
  readonly mfaSerial?: string;

  /**
   * The ExternalId to present. Required when every trusted party requires one; must be one of them.
   * @default - none
   */
  readonly externalId?: string;

  /**
   * Session length asked for, from 15 minutes to the role's maximum session duration.
   * @default - the CLI's default (1 hour)
   */
  readonly duration?: Duration;

  /**
   * The region of the profile.
   * @default - none
   */
  readonly region?: string;
}

/**
 * A role that principals in other accounts switch into, with MFA required by default.
 *
 * Several trusted parties, each with its own conditions, share one role: the identity account with MFA
 * and a vendor with its ExternalId, say, get one trust statement each.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_cross-account-with-roles.html
 * @example
 * const admin = new CrossAccountRole(this, 'Admin', {
 *   roleName: 'Admin',
 *   trustedParties: [TrustedParty.account('111111111111')],
 *   managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
 * });
 * new CfnOutput(this, 'AdminSwitchRoleUrl', { value: admin.switchRoleUrl('dev Admin') });
 */
export class CrossAccountRole extends StsRole {
  /** The parties trusted by this role. */
  public readonly trustedParties: TrustedParty[];
  /** Whether parties that do not say otherwise must sign in with MFA. */
  public readonly requireMfa: boolean;

  /**
   * Whether the trust policy is in the compact form: the accounts of parties with the same conditions listed under
   * `aws:PrincipalAccount` with principal `{"AWS": "*"}`, because one statement per party would not fit the quota.
   */
  public readonly compactTrust: boolean;

  private readonly listedAccounts: number;
  private readonly fixedRoleName: string;
  private readonly rolePath: string;
  private readonly maxSession: Duration;

  constructor(scope: Construct, id: string, props: CrossAccountRoleProps) {
    super(scope, id, props, props.roleName);
    requireNonEmpty(
      this,
      'trustedParties',
      props.trustedParties,
      'at least one trusted party (TrustedParty.account, principalArn, organization, organizationPaths or thirdParty)',
    );
    if (Token.isUnresolved(props.roleName)) {
      throw invalidInput(
        this,
        'role name',
        props.roleName,
        'a literal name: roles people switch into have fixed names',
      );
    }
    this.trustedParties = [...props.trustedParties];
    this.requireMfa = props.requireMfa ?? true;
    this.fixedRoleName = props.roleName;
    this.rolePath = props.path ?? '/';
    this.maxSession = props.maxSessionDuration ?? Duration.hours(1);

    const sourceIdentity = props.allowSourceIdentity || props.requiredSourceIdentityPattern !== undefined;
    const sessionTags = props.allowSessionTags || props.allowedSessionTagKeys !== undefined;
    if (props.allowedSessionTagKeys !== undefined) {
      requireNonEmpty(
        this,
        'allowedSessionTagKeys',
        props.allowedSessionTagKeys,
        'at least one tag key (omit the prop to allow any key)',
      );
    }
    const extraConditions: ConditionMap = {};
    if (props.requiredSourceIdentityPattern !== undefined) {
      validateNarrowingPattern(
        this,
        'requiredSourceIdentityPattern',
        props.requiredSourceIdentityPattern,
        "a StringLike pattern with a fixed part, like '*@example.com' (omit the prop to make the source identity optional)",
      );
      extraConditions.StringLike = { 'sts:SourceIdentity': props.requiredSourceIdentityPattern };
    }
    if (props.allowedSessionTagKeys !== undefined) {
      props.allowedSessionTagKeys.forEach((k) => validateTagKey(this, 'allowedSessionTagKeys value', k));
      if (new Set(props.allowedSessionTagKeys).size !== props.allowedSessionTagKeys.length) {
        throw invalidInput(this, 'allowedSessionTagKeys', props.allowedSessionTagKeys, 'each tag key once');
      }
      extraConditions['ForAllValues:StringEquals'] = { 'aws:TagKeys': [...props.allowedSessionTagKeys] };
    }
    const defaults = {
      requireMfa: this.requireMfa,
      mfaMaxAge: props.mfaMaxAge,
      extraActions: [...(sourceIdentity ? ['sts:SetSourceIdentity'] : []), ...(sessionTags ? ['sts:TagSession'] : [])],
      extraConditions,
    };
    const statements = this.trustedParties.map((party) => party._toStatement(this, defaults));
    refuseConflictingParties(this, statements);
    const reasons = statements.flatMap((st) =>
      st.unguardedReason ? [`${st.description}: ${st.unguardedReason}`] : [],
    );
    if (reasons.length > 0) {
      Validations.of(this).acknowledge({ id: 'StsChecks-CrossAccountTrustWithoutGuard', reason: reasons.join('; ') });
    }
    const compact = compactTrust(this, statements, this.trustPolicySizeQuota);
    this.compactTrust = compact !== undefined;
    this.listedAccounts = statements.filter((st) => st.rootAccount !== undefined).length;
    this._addTrustStatements(compact ?? statements);
  }

  /** @internal */
  protected _sizeAdvice(): string {
    const listed = this.listedAccounts;
    const form = this.compactTrust
      ? `The ${listed} listed accounts are already in the compact form (one aws:PrincipalAccount list per condition set, about 15 characters per account)`
      : 'Each party has a statement of its own';
    return (
      `${form}: trust the organization instead (TrustedParty.organization('o-...') or organizationPaths([...]) with the same MFA ` +
      `and ExternalId options, about 100 characters whatever the number of accounts), split the accounts across roles, or raise ` +
      `trustPolicySizeQuota (at most ${StsLimits.TRUST_POLICY_MAX_QUOTA}) if your account has a higher quota.`
    );
  }

  /** The role's name. */
  public get name(): string {
    return this.fixedRoleName;
  }

  /**
   * Whether a person can switch into this role from the console: the console's switch-role page
   * cannot pass an ExternalId, so a role whose every party requires one cannot be used there.
   */
  public get consoleSwitchable(): boolean {
    return this.trustedParties.some((p) => p.externalIds.length === 0);
  }

  /**
   * Whether some party that can use the console must present MFA.
   */
  private get anyPartyRequiresMfa(): boolean {
    return this.trustedParties.some((p) => p.requiresMfa(this.requireMfa));
  }

  /**
   * The console link that switches into this role:
   * `https://<signin host>/switchrole?roleName=<path/name>&account=<account>&displayName=<name>`.
   * The sign-in host follows the partition (`signin.amazonaws.cn` in China).
   *
   * @param displayName what the console shows while the role is in use (at most 64 characters)
   * @throws when every trusted party requires an ExternalId, which the console cannot pass, or when the
   *   path and name exceed the console's 64 characters.
   */
  public switchRoleUrl(displayName?: string): string {
    if (!this.consoleSwitchable) {
      throw new Error(
        `${this.node.path}: no switch-role URL: every trusted party of role '${this.fixedRoleName}' must present an ExternalId, ` +
          "and the console's switch-role page cannot pass one. Use the AWS CLI profile (cliProfile) or an SDK with ExternalId instead.",
      );
    }
    const pathAndName = `${this.rolePath.replace(/^\//, '')}${this.fixedRoleName}`;
    if (pathAndName.length > StsLimits.ROLE_NAME_MAX_LENGTH) {
      throw invalidInput(
        this,
        'path and role name for the switch-role page',
        pathAndName,
        `at most ${StsLimits.ROLE_NAME_MAX_LENGTH} characters: the console's switch-role page accepts no more`,
      );
    }
    if (
      displayName !== undefined &&
      !Token.isUnresolved(displayName) &&
      (displayName.length === 0 || displayName.length > 64)
    ) {
      throw invalidInput(this, 'switch-role display name', displayName, '1 to 64 characters');
    }
    const params = [
      `roleName=${encodeURIComponent(pathAndName)}`,
      `account=${Stack.of(this).account}`,
      ...(displayName !== undefined
        ? [`displayName=${Token.isUnresolved(displayName) ? displayName : encodeURIComponent(displayName)}`]
        : []),
    ];
    return `https://${signinHost(this)}/switchrole?${params.join('&')}`;
  }

  /**
   * An AWS CLI profile for this role, ready to paste into `~/.aws/config`.
   *
   * @example
   * [profile dev-admin]
   * role_arn = arn:aws:iam::222222222222:role/Admin
   * source_profile = identity
   * mfa_serial = arn:aws:iam::111111111111:mfa/alice
   */
  public cliProfile(options: CliProfileOptions): string {
    if (!/^[\w.+@-]{1,64}$/.test(options.profileName)) {
      throw invalidInput(
        this,
        'CLI profile name',
        options.profileName,
        '1 to 64 characters of letters, digits and . + @ - _',
      );
    }
    if (!/^[\w.+@-]{1,64}$/.test(options.sourceProfile)) {
      throw invalidInput(
        this,
        'CLI source profile',
        options.sourceProfile,
        '1 to 64 characters of letters, digits and . + @ - _',
      );
    }
    const everyPartyNeedsExternalId = !this.consoleSwitchable;
    if (options.externalId === undefined && everyPartyNeedsExternalId) {
      throw invalidInput(this, 'CLI profile externalId', undefined, 'one of the ExternalIds this role requires');
    }
    if (options.externalId !== undefined) {
      const known = this.trustedParties.flatMap((p) => p.externalIds);
      if (!known.includes(options.externalId)) {
        throw invalidInput(
          this,
          'CLI profile externalId',
          options.externalId,
          `one of the role's ExternalIds (${known.length} configured)`,
        );
      }
    }
    if (options.mfaSerial === undefined && this.anyPartyRequiresMfa && options.externalId === undefined) {
      throw invalidInput(
        this,
        'CLI profile mfaSerial',
        undefined,
        "the ARN of the caller's MFA device: this role requires MFA",
      );
    }
    validateDuration(
      this,
      'CLI profile duration',
      options.duration,
      StsLimits.SESSION_MIN_SECONDS,
      this.maxSession.toSeconds(),
    );
    const lines = [
      `[profile ${options.profileName}]`,
      `role_arn = ${this.roleArn}`,
      `source_profile = ${options.sourceProfile}`,
      ...(options.mfaSerial !== undefined ? [`mfa_serial = ${options.mfaSerial}`] : []),
      ...(options.externalId !== undefined ? [`external_id = ${options.externalId}`] : []),
      ...(options.duration !== undefined ? [`duration_seconds = ${options.duration.toSeconds()}`] : []),
      ...(options.region !== undefined ? [`region = ${options.region}`] : []),
    ];
    return lines.join('\n') + '\n';
  }
}
