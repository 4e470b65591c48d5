import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FederationBrokerStack } from '../../../examples/federation/federation-broker-stack';
import { StsChecks } from '../../../lib/nag/sts-checks';
import { projectApp } from '../../util';

const ENV = { account: '111111111111', region: 'us-east-1' };

function build() {
  const app = projectApp();
  const stack = new FederationBrokerStack(app, 'Federation-Broker', { env: ENV });
  return { app, stack, template: Template.fromStack(stack) };
}

describe('FederationBrokerStack example', () => {
  const { app, stack, template } = build();

  test('the broker user holds nothing directly and belongs to its group', () => {
    template.hasResourceProperties('AWS::IAM::User', {
      UserName: 'portal-broker',
      Groups: [{ Ref: stack.getLogicalId(stack.broker.group.node.defaultChild as any) }],
      Policies: Match.absent(),
      ManagedPolicyArns: Match.absent(),
    });
  });

  test('GetFederationToken is allowed for portal-* only (partition literal with cdk.json flags)', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'GetFederationTokenForPrefix',
            Effect: 'Allow',
            Action: 'sts:GetFederationToken',
            Resource: 'arn:aws:sts::111111111111:federated-user/portal-*',
          },
        ]),
      },
    });
  });

  test('the ceiling reads the Reports table only, and is held by the broker group', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: stack.getLogicalId(stack.broker.group.node.defaultChild as any) }],
      PolicyDocument: {
        Statement: [
          {
            Sid: 'ReadReports',
            Effect: 'Allow',
            Action: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query'],
            Resource: { 'Fn::GetAtt': [stack.getLogicalId(stack.reports.node.defaultChild as any), 'Arn'] },
          },
        ],
      },
    });
  });

  test('the access key exists only inside a Secrets Manager secret; outputs hold ARNs, never the secret', () => {
    template.resourceCountIs('AWS::IAM::AccessKey', 1);
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const outputs = template.toJSON().Outputs;
    expect(Object.keys(outputs).sort()).toEqual([
      'BrokerAccessKeySecretArn',
      'BrokerUserArn',
      'CeilingPolicyArn',
      'FederatedUserNamePrefix',
    ]);
    expect(JSON.stringify(outputs)).not.toContain('SecretAccessKey');
    expect(outputs.FederatedUserNamePrefix.Value).toBe('portal-');
  });

  test('ApiUsers are denied everything but GetSessionToken without MFA', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: stack.getLogicalId(stack.apiUsers.node.defaultChild as any) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            NotAction: ['sts:GetSessionToken', 'iam:GetUser', 'iam:ListMFADevices'],
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          }),
        ]),
      },
    });
  });

  test('AwsSolutions finds nothing unacknowledged, and both acknowledgements are needed', () => {
    expect(new AwsSolutionsChecks(app).validateScope(stack).violations).toEqual([]);
    const bare = build();
    for (const c of bare.app.node.findAll()) {
      (c.node as any)._metadata = c.node.metadata.filter(
        (m) => m.type !== (Validations as any).ACKNOWLEDGED_RULES_METADATA_KEY,
      );
    }
    expect(
      new AwsSolutionsChecks(bare.app)
        .validateScope(bare.stack)
        .violations.map((v) => v.ruleName)
        .sort(),
    ).toEqual(['AwsSolutions-IAM5[Resource::arn:aws:sts::111111111111:federated-user/portal-*]', 'AwsSolutions-SMG4']);
  });

  test("the project's StsChecks pack finds nothing", () => {
    expect(new StsChecks(app).validateScope(stack).violations).toEqual([]);
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});
