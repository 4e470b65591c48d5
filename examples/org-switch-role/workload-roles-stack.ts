import { BootstraplessSynthesizer, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CrossAccountRole, TrustedParty } from '../../lib';

export interface OrgWorkloadRolesStackProps extends StackProps {
  /** The identity account whose people switch into these roles (with MFA). */
  readonly identityAccount: string;
}

/**
 * The roles every workload account of the organization receives through the stack set: `OrgAdmin` and
 * `OrgReadOnly`, trusting people of the identity account signed in with MFA.
 *
 * It has no account (its template runs in every member account) and no assets (member accounts are not
 * bootstrapped), and lives in a Stage of its own so that `cdk deploy` never deploys it directly.
 */
export class OrgWorkloadRolesStack extends Stack {
  public readonly admin: CrossAccountRole;
  public readonly readOnly: CrossAccountRole;

  constructor(scope: Construct, id: string, props: OrgWorkloadRolesStackProps) {
    super(scope, id, { synthesizer: new BootstraplessSynthesizer(), analyticsReporting: false, ...props });
    const people = [TrustedParty.account(props.identityAccount)];
    this.admin = this.role(
      'OrgAdmin',
      'AdministratorAccess',
      people,
      Duration.hours(1),
      'Administrator of every workload account, for people of the identity account signed in with MFA',
      'OrgAdmin is the administrator role of each workload account by design; AdministratorAccess is the AWS-maintained definition of it. Only MFA-signed-in people of the identity account can assume it.',
    );
    this.readOnly = this.role(
      'OrgReadOnly',
      'ReadOnlyAccess',
      people,
      Duration.hours(4),
      'Read-only access to every workload account, for people of the identity account signed in with MFA',
      'ReadOnlyAccess is the AWS-maintained read-only policy and keeps up with new services; a hand-written copy would fall behind.',
    );
  }

  private role(
    name: string,
    awsManagedPolicy: string,
    trustedParties: TrustedParty[],
    maxSessionDuration: Duration,
    description: string,
    reason: string,
  ): CrossAccountRole {
    const role = new CrossAccountRole(this, name, {
      roleName: name,
      description,
      trustedParties,
      maxSessionDuration,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName(awsManagedPolicy)],
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${awsManagedPolicy}]`,
      reason,
    });
    return role;
  }
}
