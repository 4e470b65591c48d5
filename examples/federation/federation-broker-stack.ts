import { CfnOutput, RemovalPolicy, Stack, StackProps, Token, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { FederationBroker } from '../../lib/federation/broker/federation-broker';
import { MfaForApiPolicy } from '../../lib/federation/broker/mfa-for-api-policy';

/**
 * A federation broker in the identity account (111111111111): a portal that signs its own users in to
 * AWS as federated users `portal-<name>` (`GetFederationToken`, then a console sign-in URL), bounded by
 * a ceiling that only reads the `Reports` table. Its access key is created and kept in Secrets Manager.
 *
 * Also an `ApiUsers` group whose long-term keys can do nothing until they call `GetSessionToken` with MFA.
 */
export class FederationBrokerStack extends Stack {
  public readonly broker: FederationBroker;
  public readonly reports: dynamodb.Table;
  public readonly apiUsers: iam.Group;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.reports = new dynamodb.Table(this, 'Reports', {
      partitionKey: { name: 'reportId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.broker = new FederationBroker(this, 'Broker', {
      userName: 'portal-broker',
      federatedUserNamePrefix: 'portal-',
      ceiling: [
        new iam.PolicyStatement({
          sid: 'ReadReports',
          actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'],
          resources: [this.reports.tableArn],
        }),
      ],
      createAccessKey: true,
    });
    // cdk-nag names the partition as written in the template: a literal with a concrete region, else <AWS::Partition>.
    const partition = Token.isUnresolved(this.partition) ? '<AWS::Partition>' : this.partition;
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    Validations.of(this.broker).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${partition}:sts::${account}:federated-user/portal-*]`,
      reason:
        'The wildcard is the bound itself: the broker may mint federated users only under the portal- name prefix.',
    });
    Validations.of(this.broker).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret holds an IAM access key, which Secrets Manager cannot rotate without a rotation Lambda (this project creates none); rotate by creating a new key and deleting the old one.',
    });

    this.apiUsers = new iam.Group(this, 'ApiUsers', { groupName: 'ApiUsers' });
    new MfaForApiPolicy(this, 'MfaForApi', { groups: [this.apiUsers] });

    new CfnOutput(this, 'BrokerUserArn', { value: this.broker.userArn });
    new CfnOutput(this, 'FederatedUserNamePrefix', { value: this.broker.federatedUserNamePrefix });
    new CfnOutput(this, 'CeilingPolicyArn', {
      value: this.broker.ceilingPolicy.managedPolicyArn,
      description: 'Pass it as PolicyArns to GetFederationToken',
    });
    new CfnOutput(this, 'BrokerAccessKeySecretArn', {
      value: this.broker.accessKeySecret!.secretArn,
      description: "Secrets Manager secret with the broker's access key",
    });
  }
}
