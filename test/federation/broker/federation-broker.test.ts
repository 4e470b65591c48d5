import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FederationBroker, FederationBrokerProps } from '../../../lib/federation/broker/federation-broker';

const READ_REPORTS = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] });

function broker(props: Partial<FederationBrokerProps> = {}, region = 'eu-west-1') {
  const stack = new Stack(new App(), 'Identity', { env: { account: '111111111111', region } });
  const b = new FederationBroker(stack, 'Broker', { federatedUserNamePrefix: 'portal-', ceiling: [READ_REPORTS], ...props });
  return { stack, broker: b, template: () => Template.fromStack(stack) };
}

describe('FederationBroker', () => {
  test('an IAM user with no policy of its own and no access key, in a group', () => {
    // GIVEN / WHEN
    const { template, broker: b } = broker({ userName: 'portal-broker', path: '/brokers/' });
    // THEN
    const t = template();
    t.hasResourceProperties('AWS::IAM::User', {
      UserName: 'portal-broker', Path: '/brokers/', Groups: [{ Ref: Match.stringLikeRegexp('^BrokerGroup') }],
      Policies: Match.absent(), ManagedPolicyArns: Match.absent(), LoginProfile: Match.absent(),
    });
    t.hasResourceProperties('AWS::IAM::Group', { Path: '/brokers/', Policies: Match.absent() });
    t.resourceCountIs('AWS::IAM::AccessKey', 0);
    t.resourceCountIs('AWS::SecretsManager::Secret', 0);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    expect(b.user.node.id).toBe('Resource');
    expect(b.accessKeySecret).toBeUndefined();
  });

  test('GetFederationToken is allowed only for federated users under the prefix; the broker\'s own use of anything else is denied', () => {
    // GIVEN / WHEN
    const { template } = broker();
    // THEN
    template().hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^BrokerGroup') }],
      PolicyDocument: {
        Statement: [
          {
            Sid: 'GetFederationTokenForPrefix',
            Effect: 'Allow',
            Action: 'sts:GetFederationToken',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sts::111111111111:federated-user/portal-*']] },
          },
          {
            Sid: 'DenyBrokerOwnUseOfCeiling',
            Effect: 'Deny',
            NotAction: ['sts:GetFederationToken', 'sts:GetCallerIdentity'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:PrincipalType': 'User' } },
          },
        ],
      },
    });
  });

  test('the ceiling is a customer-managed policy held by the broker\'s group', () => {
    // GIVEN / WHEN
    const { template, stack, broker: b } = broker();
    // THEN
    template().hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^BrokerGroup') }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] },
    });
    expect(stack.resolve(b.ceilingPolicy.managedPolicyArn)).toEqual({ Ref: stack.getLogicalId(b.ceilingPolicy.node.defaultChild as iam.CfnManagedPolicy) });
  });

  test('with createAccessKey, the key\'s secret goes to Secrets Manager by reference, never into an output', () => {
    // GIVEN / WHEN
    const { template, broker: b } = broker({ createAccessKey: true });
    // THEN
    const t = template();
    t.resourceCountIs('AWS::IAM::AccessKey', 1);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: {
        'Fn::Join': ['', ['{"accessKeyId":"', { Ref: Match.stringLikeRegexp('^BrokerAccessKey') }, '","secretAccessKey":"',
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^BrokerAccessKey'), 'SecretAccessKey'] }, '"}']],
      },
    });
    expect(JSON.stringify(t.toJSON().Outputs ?? {})).not.toContain('SecretAccessKey');
    expect(b.accessKeySecret).toBeDefined();
  });

  test('the federated-user ARN pattern follows the partition (AWS::Partition)', () => {
    const { stack, broker: b } = broker({}, 'cn-north-1');
    expect(stack.resolve(b.federatedUserArnPattern)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sts::111111111111:federated-user/portal-*']] });
  });

  test.each([
    ['p', true], ['p'.repeat(31), true], ['p'.repeat(32), false], ['', false], ['portal/', false], ['portal *', false],
  ])('prefix %p: accepted=%s', (federatedUserNamePrefix, ok) => {
    const create = () => broker({ federatedUserNamePrefix });
    if (ok) expect(create).not.toThrow();
    else expect(create).toThrow(/^Identity\/Broker: invalid federatedUserNamePrefix: received '.*'; expected 1 to 31 characters of letters, digits and \+ = , \. @ - _ \(federated-user names are 2 to 32 characters\)\.$/);
  });

  test('an empty ceiling is refused', () => {
    expect(() => broker({ ceiling: [] })).toThrow(
      'Identity/Broker: invalid ceiling: received []; expected at least one statement: without a ceiling, federated sessions can do nothing.');
  });

  test('a ceiling that bounds nothing is refused', () => {
    expect(() => broker({ ceiling: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] })).toThrow(
      /^Identity\/Broker: invalid ceiling statement 1: received .*; expected Allow statements that name their actions \(Action '\*' is no ceiling\)\.$/);
    expect(() => broker({ ceiling: [new iam.PolicyStatement({ sid: 'All', notActions: ['iam:*'], resources: ['*'] })] })).toThrow(
      /^Identity\/Broker: invalid ceiling statement All: received .*; expected Allow statements that name their actions \(NotAction allows everything else: that is no ceiling\)\.$/);
  });

  test('deny statements in the ceiling are fine', () => {
    expect(() => broker({ ceiling: [READ_REPORTS, new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['arn:aws:s3:::reports/private/*'] })] })).not.toThrow();
  });

  test('IAM and STS actions in the ceiling raise a warning: federated sessions cannot call them', () => {
    // GIVEN / WHEN
    const { stack } = broker({ ceiling: [READ_REPORTS, new iam.PolicyStatement({ actions: ['iam:ListUsers', 'sts:GetCallerIdentity'], resources: ['*'] })] });
    // THEN
    Annotations.fromStack(stack).hasWarning('/Identity/Broker', Match.stringLikeRegexp('the ceiling allows iam:ListUsers, which a GetFederationToken session can never call'));
  });

  test('user name and path are validated', () => {
    expect(() => broker({ userName: 'bad name' })).toThrow("Identity/Broker: invalid user name: received 'bad name'");
    expect(() => broker({ path: 'brokers' })).toThrow("Identity/Broker: invalid IAM path: received 'brokers'");
  });
});
