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

    this.admin = this.role(
      'Admin',
      'AdministratorAccess',
      people,
      Duration.hours(1),
      'Administrator of the workload account, for people of the identity account signed in with MFA',
      'Admin is the administrator role of the account by design; AdministratorAccess is the AWS-maintained definition of it. Only MFA-signed-in people of the identity account can assume it.',
    );
    this.readOnly = this.role(
      'ReadOnly',
      'ReadOnlyAccess',
      people,
      Duration.hours(4),
      'Read-only access to the workload account, for people of the identity account signed in with MFA',
      'ReadOnlyAccess is the AWS-maintained read-only policy and keeps up with new services; a hand-written copy would fall behind.',
    );
    if (props.stage === 'dev') {
      this.ec2Operator = this.role(
        'Ec2Operator',
        ec2OperatorPolicy(this),
        people,
        Duration.hours(1),
        'EC2 instance operation in the dev account, for developers signed in with MFA',
      );
    }
    if (props.vendor) {
      this.vendorAudit = this.role(
        'VendorAudit',
        'SecurityAudit',
        [TrustedParty.thirdParty(props.vendor.account, [props.vendor.externalId])],
        Duration.hours(1),
        'Read-only security audit by the third-party vendor, which must present its ExternalId',
        'SecurityAudit is the AWS-maintained read-only audit policy the vendor needs; it grants no write action.',
      );
    }
  }

  /** The roles of this account, in a stable order. */
  public get roles(): CrossAccountRole[] {
    return [this.admin, this.readOnly, this.ec2Operator, this.vendorAudit].filter(
      (r): r is CrossAccountRole => r !== undefined,
    );
  }

  /**
   * A role with one managed policy: an AWS-managed one by name (with the reason that acknowledges cdk-nag's IAM4),
   * or a customer-managed one of this stack.
   */
  private role(
    name: string,
    policy: string | iam.IManagedPolicy,
    trustedParties: TrustedParty[],
    maxSessionDuration: Duration,
    description: string,
    managedPolicyReason?: string,
  ): CrossAccountRole {
    const role = new CrossAccountRole(this, name, {
      roleName: name,
      description,
      trustedParties,
      maxSessionDuration,
      managedPolicies: [typeof policy === 'string' ? iam.ManagedPolicy.fromAwsManagedPolicyName(policy) : policy],
    });
    if (typeof policy === 'string') {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
        reason: managedPolicyReason ?? '',
      });
    }
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

/**
 * What an EC2 operator of the dev account does, as a customer-managed policy (never AWS-managed
 * `AmazonEC2FullAccess`, which also administers VPCs, load balancers, Auto Scaling and passes any role):
 * see everything EC2 (`Describe*` supports no resource-level permission), and start, stop, reboot, launch,
 * tag and terminate instances of this account and region. No `iam:PassRole`: instances launch without a role.
 *
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ExamplePolicies_EC2.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
 */
function ec2OperatorPolicy(stack: Stack): iam.ManagedPolicy {
  const wildcardArns: string[] = [];
  const arn = (resource: string, account: string = stack.account) => {
    const value = stack.formatArn({ service: 'ec2', account, resource, resourceName: '*' });
    wildcardArns.push(value);
    return value;
  };
  const policy = new iam.ManagedPolicy(stack, 'Ec2OperatorPolicy', {
    description:
      'Operate EC2 instances of this account and region: describe, launch, start, stop, reboot, tag, terminate',
    statements: [
      new iam.PolicyStatement({ sid: 'DescribeEc2', actions: ['ec2:Describe*'], resources: ['*'] }),
      new iam.PolicyStatement({
        sid: 'OperateInstances',
        actions: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:RebootInstances', 'ec2:TerminateInstances'],
        resources: [arn('instance')],
      }),
      new iam.PolicyStatement({
        sid: 'LaunchInstances',
        actions: ['ec2:RunInstances'],
        resources: [
          arn('instance'),
          arn('volume'),
          arn('network-interface'),
          arn('security-group'),
          arn('subnet'),
          arn('key-pair'),
          arn('image', ''),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'TagOnLaunch',
        actions: ['ec2:CreateTags'],
        resources: [arn('instance'), arn('volume'), arn('network-interface')],
        conditions: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
      }),
    ],
  });
  // cdk-nag's AwsSolutions-IAM5 names each wildcard: acknowledge exactly those, with the reason.
  const reason =
    'ec2:Describe* supports no resource-level permission (Resource "*"); the operating actions are scoped to ' +
    'instances, volumes, interfaces, security groups, subnets and key pairs of this account and region, and to images.';
  const findings = [
    'Action::ec2:Describe*',
    'Resource::*',
    ...wildcardArns.map((a) => `Resource::${nagText(stack, a)}`),
  ];
  for (const finding of findings) Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  return policy;
}

/** A value as cdk-nag writes it in a finding id: resolved, with `<Ref>` for references (`arn:<AWS::Partition>:...`). */
function nagText(stack: Stack, value: string): string {
  const render = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const o = v as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
    if (o.Ref) return `<${o.Ref}>`;
    if (o['Fn::Join']) return o['Fn::Join'][1].map(render).join(o['Fn::Join'][0]);
    return JSON.stringify(v);
  };
  return render(stack.resolve(value));
}
