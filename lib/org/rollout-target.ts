import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { invalidInput } from '../private/errors';

/** An organizational unit id (`ou-xxxx-yyyyyyyy`) or the organization's root id (`r-xxxx`). */
const OU_ID = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * Options of {@link RolloutTarget.organizationalUnits}.
 */
export interface OrganizationalUnitTargetOptions {
  /**
   * Deploy to accounts that join a target organizational unit later, and remove the stack from accounts that leave it
   * (StackSet automatic deployment).
   * @default true
   */
  readonly autoDeploy?: boolean;

  /**
   * When an account leaves a target organizational unit, keep its stack (and so its roles) instead of deleting it.
   * Only with `autoDeploy`.
   * @default false
   */
  readonly retainStacksOnAccountRemoval?: boolean;
}

/**
 * Options of {@link RolloutTarget.accounts}.
 */
export interface AccountListTargetOptions {
  /**
   * The role CloudFormation uses in the administrator account to deploy the stack set (self-managed permissions).
   * @default - `AWSCloudFormationStackSetAdministrationRole` of the administrator account
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html
   */
  readonly administrationRole?: iam.IRole;

  /**
   * The name of the role, in every target account, that the administration role assumes to deploy the stack.
   * @default 'AWSCloudFormationStackSetExecutionRole'
   */
  readonly executionRoleName?: string;
}

/**
 * Where an {@link OrganizationRollout} deploys: every account of some organizational units (service-managed
 * permissions) or a list of accounts (self-managed permissions).
 *
 * @example
 * RolloutTarget.organizationalUnits(['ou-ab12-cdef3456'], { retainStacksOnAccountRemoval: false });
 * RolloutTarget.accounts(['222222222222', '333333333333']);
 */
export class RolloutTarget {
  /**
   * Every account of these organizational units (and of the units below them), including accounts that join later
   * when `autoDeploy` is on. Needs trusted access between CloudFormation StackSets and AWS Organizations, and runs
   * from the management account or a delegated administrator.
   *
   * @param organizationalUnitIds `ou-...` ids, or the root id `r-...` for the whole organization
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html
   */
  public static organizationalUnits(
    organizationalUnitIds: string[],
    options: OrganizationalUnitTargetOptions = {},
  ): RolloutTarget {
    return new RolloutTarget(
      'SERVICE_MANAGED',
      [...organizationalUnitIds],
      [],
      options.autoDeploy ?? true,
      options.retainStacksOnAccountRemoval ?? false,
      undefined,
      undefined,
    );
  }

  /**
   * These accounts. Each must hold the execution role trusting the administrator account's administration role.
   *
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-prereqs-self-managed.html
   */
  public static accounts(accountIds: string[], options: AccountListTargetOptions = {}): RolloutTarget {
    return new RolloutTarget(
      'SELF_MANAGED',
      [],
      [...accountIds],
      false,
      false,
      options.administrationRole,
      options.executionRoleName,
    );
  }

  /** `SERVICE_MANAGED` (organizational units) or `SELF_MANAGED` (account list). */
  public readonly permissionModel: string;
  /** The organizational units, when service-managed. */
  public readonly organizationalUnitIds: string[];
  /** The accounts, when self-managed. */
  public readonly accountIds: string[];
  /** Whether new accounts of the organizational units get the stack automatically. */
  public readonly autoDeploy: boolean;
  /** Whether an account leaving the organizational units keeps its stack. */
  public readonly retainStacksOnAccountRemoval: boolean;
  /** The administration role (self-managed). */
  public readonly administrationRole?: iam.IRole;
  /** The execution role name (self-managed). */
  public readonly executionRoleName?: string;

  private constructor(
    permissionModel: string,
    organizationalUnitIds: string[],
    accountIds: string[],
    autoDeploy: boolean,
    retainStacksOnAccountRemoval: boolean,
    administrationRole: iam.IRole | undefined,
    executionRoleName: string | undefined,
  ) {
    this.permissionModel = permissionModel;
    this.organizationalUnitIds = organizationalUnitIds;
    this.accountIds = accountIds;
    this.autoDeploy = autoDeploy;
    this.retainStacksOnAccountRemoval = retainStacksOnAccountRemoval;
    this.administrationRole = administrationRole;
    this.executionRoleName = executionRoleName;
  }

  /** @internal Throws on ids AWS would refuse. */
  public _validate(scope: IConstruct): void {
    if (this.permissionModel === 'SERVICE_MANAGED') {
      checkList(
        scope,
        'organizational unit id',
        this.organizationalUnitIds,
        OU_ID,
        "an organizational unit id ('ou-' then 4-32 and 8-32 lower-case letters or digits) or a root id ('r-...')",
      );
      if (this.retainStacksOnAccountRemoval && !this.autoDeploy) {
        throw invalidInput(
          scope,
          'retainStacksOnAccountRemoval',
          true,
          'false unless autoDeploy is on (CloudFormation only retains stacks of automatic deployments)',
        );
      }
    } else {
      checkList(scope, 'account id', this.accountIds, ACCOUNT_ID, 'a 12-digit AWS account id');
      const name = this.executionRoleName;
      if (name !== undefined && !Token.isUnresolved(name) && !/^[\w+=,.@-]{1,64}$/.test(name)) {
        throw invalidInput(
          scope,
          'executionRoleName',
          name,
          'a role name of 1 to 64 characters from [A-Za-z0-9+=,.@_-]',
        );
      }
    }
  }
}

function checkList(scope: IConstruct, what: string, values: string[], pattern: RegExp, expected: string): void {
  if (values.length === 0) throw invalidInput(scope, `${what} list`, values, `at least one ${what}`);
  const seen = new Set<string>();
  for (const value of values) {
    if (Token.isUnresolved(value)) continue;
    if (!pattern.test(value)) throw invalidInput(scope, what, value, expected);
    if (seen.has(value)) throw invalidInput(scope, `${what} list`, value, `each ${what} once`);
    seen.add(value);
  }
}
