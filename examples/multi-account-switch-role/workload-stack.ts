import { CfnOutput, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CrossAccountRole, TrustedParty } from '../../lib';

/** The workload stages of the example. */
export type Stage = 'dev' | 'stg' | 'prd';

export interface WorkloadStackProps extends StackProps {
  /** Which workload account this is. */
  readonly stage: Stage;
  /** The identity account whose people switch into this account's roles (with MFA). */
  readonly identityAccount: string;
  /** More accounts trusted like the identity account. */
  readonly extraTrustedAccounts?: string[];
  /** In prd: the vendor trusted by `VendorAudit` with its ExternalId. */
  readonly vendor?: { readonly account: string; readonly externalId: string };
}

/**
 * One workload account: `Admin` and `ReadOnly` for people of the identity account (MFA required),
 * `Ec2Operator` in dev, and `VendorAudit` for the third-party vendor in prd.
 */
export class WorkloadStack extends Stack {
  public readonly stage: Stage;
  public readonly admin: CrossAccountRole;
  public readonly readOnly: CrossAccountRole;
  public readonly ec2Operator?: CrossAccountRole;
  public readonly vendorAudit?: CrossAccountRole;

  constructor(scope: Construct, id: string, props: WorkloadStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    const people = [props.identityAccount, ...(props.extraTrustedAccounts ?? [])].map((a) => TrustedParty.account(a));

    this.admin = this.role('Admin', 'AdministratorAccess', people, Duration.hours(1),
      'Administrator of the workload account, for people of the identity account signed in with MFA',
      'Admin is the administrator role of the account by design; AdministratorAccess is the AWS-maintained definition of it. Only MFA-signed-in people of the identity account can assume it.');
    this.readOnly = this.role('ReadOnly', 'ReadOnlyAccess', people, Duration.hours(4),
      'Read-only access to the workload account, for people of the identity account signed in with MFA',
      'ReadOnlyAccess is the AWS-maintained read-only policy and keeps up with new services; a hand-written copy would fall behind.');
    if (props.stage === 'dev') {
      this.ec2Operator = this.role('Ec2Operator', 'AmazonEC2FullAccess', people, Duration.hours(1),
        'EC2 administration in the dev account, for developers signed in with MFA',
        'The classic switch-role exercise grants EC2 administration; AmazonEC2FullAccess is the AWS-maintained policy for it, in the dev account only.');
    }
    if (props.vendor) {
      this.vendorAudit = this.role('VendorAudit', 'SecurityAudit',
        [TrustedParty.thirdParty(props.vendor.account, [props.vendor.externalId])], Duration.hours(1),
        'Read-only security audit by the third-party vendor, which must present its ExternalId',
        'SecurityAudit is the AWS-maintained read-only audit policy the vendor needs; it grants no write action.');
    }
  }

  /** The roles of this account, in a stable order. */
  public get roles(): CrossAccountRole[] {
    return [this.admin, this.readOnly, this.ec2Operator, this.vendorAudit].filter((r): r is CrossAccountRole => r !== undefined);
  }

  private role(name: string, awsManagedPolicy: string, trustedParties: TrustedParty[], maxSessionDuration: Duration,
    description: string, managedPolicyReason: string): CrossAccountRole {
    const role = new CrossAccountRole(this, name, {
      roleName: name,
      description,
      trustedParties,
      maxSessionDuration,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(awsManagedPolicy)],
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${awsManagedPolicy}]`,
      reason: managedPolicyReason,
    });
    new CfnOutput(this, `${name}RoleArn`, { value: role.roleArn, description: `ARN of role ${name}` });
    if (role.consoleSwitchable) {
      new CfnOutput(this, `${name}SwitchRoleUrl`, {
        value: role.switchRoleUrl(`${this.stage} ${name}`),
        description: `Console link that switches into ${name} in ${this.stage}`,
      });
    }
    return role;
  }
}
