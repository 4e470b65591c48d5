import { Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AssumeOnlyUser, SwitchRoleGroup } from '../../lib';

export interface OrgIdentityStackProps extends StackProps {
  /** The workload accounts that received the roles. */
  readonly workloadAccounts: string[];
  /** Names of the rolled-out roles. */
  readonly adminRoleName: string;
  readonly readOnlyRoleName: string;
}

/**
 * The identity account of the organisation-wide variant: groups `OrgAdmins` (OrgAdmin and OrgReadOnly in every
 * workload account) and `OrgDevelopers` (OrgReadOnly everywhere), and the people `carol` and `dave`, who hold no
 * permission but switching into those roles with MFA. The roles are known by name: the stack set made them.
 */
export class OrgIdentityStack extends Stack {
  public readonly admins: SwitchRoleGroup;
  public readonly developers: SwitchRoleGroup;

  constructor(scope: Construct, id: string, props: OrgIdentityStackProps) {
    super(scope, id, props);
    const rolesNamed = (name: string) =>
      props.workloadAccounts.map((account) =>
        iam.Role.fromRoleArn(
          this,
          `${name}${account}`,
          this.formatArn({ service: 'iam', region: '', account, resource: 'role', resourceName: name }),
          { mutable: false },
        ),
      );
    const admin = rolesNamed(props.adminRoleName);
    const readOnly = rolesNamed(props.readOnlyRoleName);
    this.admins = new SwitchRoleGroup(this, 'Admins', { groupName: 'OrgAdmins', roles: [...admin, ...readOnly] });
    this.developers = new SwitchRoleGroup(this, 'Developers', { groupName: 'OrgDevelopers', roles: readOnly });
    this.person('Carol', 'carol', this.admins);
    this.person('Dave', 'dave', this.developers);
    this.acknowledgeUserFindings();
  }

  private person(id: string, userName: string, group: SwitchRoleGroup): AssumeOnlyUser {
    return new AssumeOnlyUser(this, id, { userName, groups: [group.group], consoleAccess: true, mfaSelfService: true });
  }

  /** Findings of AwsSolutions that hold for every user of the stack (and the MFA self-service policy they share). */
  public acknowledgeUserFindings(): void {
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secrets hold initial console passwords that IAM forces the users to change at first sign-in; rotating them in Secrets Manager would not change the IAM passwords.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'iam:ListVirtualMFADevices and iam:GetAccountPasswordPolicy support no resource-level permission (AWS MFA self-service pattern); the Deny with Resource * is what blocks everything else until MFA is used.',
    });
  }
}
