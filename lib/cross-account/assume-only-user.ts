import { createHash } from 'crypto';
import { SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SwitchRoleGroup } from './switch-role-group';
import { mfaConditions } from '../trust/conditions';
import { denyWithoutMfaExcept } from '../trust/mfa';
import { validatePath, validateRoleArn, validateUserName } from '../trust/validators';
import { invalidInput } from '../private/errors';

/**
 * Properties of an {@link AssumeOnlyUser}.
 */
export interface AssumeOnlyUserProps {
  /** The user's name: what the person signs in with, and the name of their MFA device. */
  readonly userName: string;

  /**
   * The IAM path of the user and of what it creates.
   * @default '/'
   */
  readonly path?: string;

  /**
   * Roles this user may assume besides those of `groups`. They are granted through a group holding a
   * customer-managed policy, shared by every `AssumeOnlyUser` of the stack given the same roles (never a group per
   * user); prefer {@link SwitchRoleGroup}s (`groups`) for teams.
   * @default - none
   */
  readonly roles?: iam.IRole[];

  /**
   * Groups the user joins (for example {@link SwitchRoleGroup}s' `group`).
   * @default - none
   */
  readonly groups?: iam.IGroup[];

  /**
   * Require MFA in the user's own permission to assume `roles`.
   * @default true
   */
  readonly requireMfa?: boolean;

  /**
   * Give the user a console password: generated, stored in Secrets Manager (never in the template or
   * an output) and to be changed at first sign-in.
   * @default false
   */
  readonly consoleAccess?: boolean;

  /**
   * Let the user manage their own MFA device and nothing else until they sign in with MFA: every action
   * except MFA set-up, password change and `sts:GetSessionToken` is denied without MFA.
   * @default true
   */
  readonly mfaSelfService?: boolean;

  /**
   * Create an access key. Its secret is stored in Secrets Manager, never in an output.
   * Prefer short-lived credentials (the console, or AWS IAM Identity Center) where possible.
   * @default false
   */
  readonly createAccessKey?: boolean;

  /**
   * A permissions boundary of the user.
   * @default - none
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * The KMS key of the secrets (password, access key).
   * @default - the account's default `aws/secretsmanager` key
   */
  readonly secretsEncryptionKey?: kms.IKey;
}

/**
 * An IAM user with no permission of its own: all it can do is assume named roles (and, when asked,
 * manage its own MFA device and password).
 *
 * Permissions come through groups holding customer-managed policies, never through policies on the
 * user, so cdk-nag's HIPAA, NIST 800-53 and PCI packs stay clean. Passwords and access keys go to
 * Secrets Manager.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
 * @example
 * const alice = new AssumeOnlyUser(this, 'Alice', {
 *   userName: 'alice',
 *   groups: [admins.group],
 *   consoleAccess: true,
 * });
 */
export class AssumeOnlyUser extends Construct {
  /** The user. */
  public readonly user: iam.User;
  /**
   * The group granting this user's `roles`, when any were given: shared by every `AssumeOnlyUser` of the stack with
   * the same roles (and MFA setting and path), so users never get a group of their own.
   */
  public readonly roleGroup?: SwitchRoleGroup;
  /**
   * The MFA self-service group, when enabled: one per stack (and IAM path), shared by every `AssumeOnlyUser` in it,
   * with one customer-managed policy keyed on `${aws:username}`. An account has 300 groups by default, and a user
   * belongs to at most 10.
   */
  public readonly mfaSelfServiceGroup?: iam.Group;
  /** The MFA self-service policy (customer-managed, shared like the group), when enabled. */
  public readonly mfaSelfServicePolicy?: iam.IManagedPolicy;
  /** The secret holding the console password (`{"username", "password"}`), when console access is on. */
  public readonly passwordSecret?: secretsmanager.ISecret;
  /** The secret holding the access key (`{"accessKeyId", "secretAccessKey"}`), when one was created. */
  public readonly accessKeySecret?: secretsmanager.ISecret;

  private readonly name: string;

  constructor(scope: Construct, id: string, props: AssumeOnlyUserProps) {
    super(scope, id);
    validateUserName(this, props.userName);
    validatePath(this, props.path);
    if (props.roles !== undefined && props.roles.length === 0 && (props.groups ?? []).length === 0) {
      throw invalidInput(this, 'roles', [], 'at least one role, or groups that grant them (omit roles otherwise)');
    }
    this.name = props.userName;
    const groupCount =
      (props.groups ?? []).length + ((props.roles ?? []).length > 0 ? 1 : 0) + ((props.mfaSelfService ?? true) ? 1 : 0);
    if (groupCount > MAX_GROUPS_PER_USER) {
      throw invalidInput(
        this,
        'number of groups',
        groupCount,
        `at most ${MAX_GROUPS_PER_USER} (IAM's limit per user), counting groups, the shared group of roles and the MFA self-service group`,
      );
    }

    if (props.consoleAccess) {
      this.passwordSecret = new secretsmanager.Secret(this, 'Password', {
        description: `Initial console password of IAM user ${props.userName} (to be changed at first sign-in)`,
        encryptionKey: props.secretsEncryptionKey,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ username: props.userName }),
          generateStringKey: 'password',
          passwordLength: 32,
          // Characters that are awkward in shells and URLs; IAM accepts every printable ASCII character.
          excludeCharacters: '"\'`\\/@ ',
          requireEachIncludedType: true,
        },
      });
    }

    this.user = new iam.User(this, 'Resource', {
      userName: props.userName,
      path: props.path,
      permissionsBoundary: props.permissionsBoundary,
      password: this.passwordSecret ? this.passwordSecret.secretValueFromJson('password') : undefined,
      passwordResetRequired: props.consoleAccess ? true : undefined,
    });
    for (const group of props.groups ?? []) this.user.addToGroup(group);

    if (props.roles && props.roles.length > 0) {
      props.roles.forEach((role) => validateRoleArn(this, 'roles value', role.roleArn));
      this.roleGroup = sharedRoleGroup(this, props.roles, props.requireMfa ?? true, props.path);
      this.roleGroup.addUser(this.user);
    }

    if (props.mfaSelfService ?? true) {
      [this.mfaSelfServiceGroup, this.mfaSelfServicePolicy] = sharedMfaSelfServiceGroup(this, props.path);
      this.user.addToGroup(this.mfaSelfServiceGroup);
    }

    if (props.createAccessKey) {
      const key = new iam.AccessKey(this, 'AccessKey', { user: this.user });
      this.accessKeySecret = new secretsmanager.Secret(this, 'AccessKeySecret', {
        description: `Access key of IAM user ${props.userName}`,
        encryptionKey: props.secretsEncryptionKey,
        secretObjectValue: {
          accessKeyId: SecretValue.unsafePlainText(key.accessKeyId),
          secretAccessKey: key.secretAccessKey,
        },
      });
    }
  }

  /** The user's name. */
  public get userName(): string {
    return this.name;
  }

  /** The user's ARN. */
  public get userArn(): string {
    return this.user.userArn;
  }

  /**
   * The ARN of the user's virtual MFA device, named after the user as the console names it
   * (`arn:<partition>:iam::<account>:mfa/<name>`): the `mfa_serial` of CLI profiles.
   */
  public get mfaDeviceArn(): string {
    return Stack.of(this).formatArn({ service: 'iam', region: '', resource: 'mfa', resourceName: this.name });
  }
}

/** Groups one IAM user may belong to. @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
const MAX_GROUPS_PER_USER = 10;

/** Actions a user needs to set up MFA and change an initial password before having MFA. */
const MFA_SETUP_ACTIONS = [
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetUser',
  'iam:GetMFADevice',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'sts:GetSessionToken',
];

function mfaSelfServiceStatements(scope: Construct): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const ownUser = stack.formatArn({ service: 'iam', region: '', resource: 'user', resourceName: '${aws:username}' });
  const ownMfa = stack.formatArn({ service: 'iam', region: '', resource: 'mfa', resourceName: '${aws:username}' });
  return [
    new iam.PolicyStatement({
      sid: 'AllowListingMfaDevicesAndPasswordPolicy',
      actions: ['iam:ListVirtualMFADevices', 'iam:GetAccountPasswordPolicy'],
      resources: ['*'], // these list/read actions support no resource-level permission
    }),
    new iam.PolicyStatement({
      sid: 'AllowManageOwnVirtualMfaDevice',
      actions: ['iam:CreateVirtualMFADevice'],
      resources: [ownMfa],
    }),
    new iam.PolicyStatement({
      sid: 'AllowManageOwnUserMfaAndPassword',
      actions: [
        'iam:EnableMFADevice',
        'iam:GetUser',
        'iam:GetMFADevice',
        'iam:ListMFADevices',
        'iam:ResyncMFADevice',
        'iam:ChangePassword',
      ],
      resources: [ownUser],
    }),
    new iam.PolicyStatement({
      sid: 'AllowDeactivateOwnMfaOnlyWithMfa',
      actions: ['iam:DeactivateMFADevice'],
      resources: [ownUser],
      conditions: mfaConditions(),
    }),
    denyWithoutMfaExcept(MFA_SETUP_ACTIONS),
  ];
}

/** The stack-level home of the groups every AssumeOnlyUser shares. */
function sharedScope(scope: Construct): Construct {
  const stack = Stack.of(scope);
  const id = 'CdkStsKitAssumeOnlyUsers';
  return (stack.node.tryFindChild(id) as Construct | undefined) ?? new Construct(stack, id);
}

/** A construct-id suffix for an IAM path: '' for '/', else a short stable hash. */
function pathSuffix(path: string | undefined): string {
  return path === undefined || path === '/' ? '' : createHash('sha256').update(path).digest('hex').slice(0, 8);
}

/** The one MFA self-service group (and its policy) of a stack and path. */
function sharedMfaSelfServiceGroup(scope: Construct, path: string | undefined): [iam.Group, iam.ManagedPolicy] {
  const shared = sharedScope(scope);
  const id = `MfaSelfService${pathSuffix(path)}`;
  const existing = shared.node.tryFindChild(id) as iam.Group | undefined;
  if (existing) return [existing, shared.node.findChild(`${id}Policy`) as iam.ManagedPolicy];
  const group = new iam.Group(shared, id, { path });
  const policy = new iam.ManagedPolicy(shared, `${id}Policy`, {
    path,
    description: 'Lets each IAM user in this group manage its own MFA device and password; denies all else without MFA',
    groups: [group],
    statements: mfaSelfServiceStatements(shared),
  });
  return [group, policy];
}

/** The one group of a stack granting exactly these roles (with this MFA setting and path). */
function sharedRoleGroup(
  scope: Construct,
  roles: readonly iam.IRole[],
  requireMfa: boolean,
  path: string | undefined,
): SwitchRoleGroup {
  const shared = sharedScope(scope);
  const stack = Stack.of(scope);
  const arns = roles.map((r) => JSON.stringify(stack.resolve(r.roleArn))).sort();
  const key = createHash('sha256')
    .update(JSON.stringify([[...new Set(arns)], requireMfa, path ?? '/']))
    .digest('hex')
    .slice(0, 8);
  const id = `Roles${key}`;
  const existing = shared.node.tryFindChild(id) as SwitchRoleGroup | undefined;
  if (existing) return existing;
  return new SwitchRoleGroup(shared, id, { path, roles: [...roles], requireMfa });
}
