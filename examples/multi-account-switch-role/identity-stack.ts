import { CfnOutput, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { WorkloadStack } from './workload-stack';
import { AssumeOnlyUser, CrossAccountRole, SwitchRoleGroup } from '../../lib';

export interface IdentityStackProps extends StackProps {
  /** The workload accounts whose roles the groups may assume. */
  readonly workloads: WorkloadStack[];
}

/**
 * The identity (hub) account: groups `Admins` and `Developers`, and the people `alice` (Admins) and
 * `bob` (Developers), who hold no permission but switching into workload roles with MFA.
 *
 * - Admins may assume `Admin` and `ReadOnly` everywhere.
 * - Developers may assume `ReadOnly` everywhere, and `Admin` and `Ec2Operator` in dev only.
 */
export class IdentityStack extends Stack {
  public readonly admins: SwitchRoleGroup;
  public readonly developers: SwitchRoleGroup;
  public readonly alice: AssumeOnlyUser;
  public readonly bob: AssumeOnlyUser;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    const everywhere = (pick: (w: WorkloadStack) => CrossAccountRole | undefined) =>
      props.workloads.map(pick).filter((r): r is CrossAccountRole => r !== undefined);
    const dev = props.workloads.filter((w) => w.stage === 'dev');

    const adminRoles = [...everywhere((w) => w.admin), ...everywhere((w) => w.readOnly)];
    const developerRoles = [
      ...everywhere((w) => w.readOnly),
      ...dev.map((w) => w.admin),
      ...dev.flatMap((w) => (w.ec2Operator ? [w.ec2Operator] : [])),
    ];
    this.admins = new SwitchRoleGroup(this, 'Admins', { groupName: 'Admins', roles: adminRoles });
    this.developers = new SwitchRoleGroup(this, 'Developers', { groupName: 'Developers', roles: developerRoles });

    this.alice = this.person('Alice', 'alice', this.admins, adminRoles);
    this.bob = this.person('Bob', 'bob', this.developers, developerRoles);
    // One MFA self-service policy serves every user of the stack.
    Validations.of(this.alice.mfaSelfServicePolicy!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'iam:ListVirtualMFADevices and iam:GetAccountPasswordPolicy support no resource-level permission (AWS MFA self-service pattern); the Deny with Resource * is what blocks everything else until MFA is used.',
    });
  }

  private person(id: string, userName: string, group: SwitchRoleGroup, roles: CrossAccountRole[]): AssumeOnlyUser {
    const user = new AssumeOnlyUser(this, id, {
      userName,
      groups: [group.group],
      consoleAccess: true,
      mfaSelfService: true,
    });
    Validations.of(user).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret holds an initial console password that IAM forces the user to change at first sign-in; rotating it in Secrets Manager would not change the IAM password.',
    });
    const profiles = roles.map((role) =>
      role.cliProfile({
        profileName: `${(role.stack as WorkloadStack).stage}-${role.name.toLowerCase()}`,
        sourceProfile: userName,
        mfaSerial: user.mfaDeviceArn,
      }),
    );
    new CfnOutput(this, `${id}AwsCliConfig`, {
      value: profiles.join('\n'),
      description: `~/.aws/config profiles of ${userName} (put ${userName}'s own access key under [profile ${userName}])`,
    });
    new CfnOutput(this, `${id}PasswordSecretArn`, {
      value: user.passwordSecret!.secretArn,
      description: `Secrets Manager secret holding ${userName}'s initial console password`,
    });
    return user;
  }
}
