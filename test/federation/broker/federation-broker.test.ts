import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { FederationBroker, FederationBrokerProps } from '../../../lib/federation/broker/federation-broker';
import { projectApp } from '../../util';
import { evaluatePolicyTable, PolicyCase } from './identity-policy-table';

const READ_REPORTS = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] });

function broker(props: Partial<FederationBrokerProps> = {}, region = 'eu-west-1') {
  const stack = new Stack(new App(), 'Identity', { env: { account: '111111111111', region } });
  const b = new FederationBroker(stack, 'Broker', {
    federatedUserNamePrefix: 'portal-',
    ceiling: [READ_REPORTS],
    ...props,
  });
  return { stack, broker: b, template: () => Template.fromStack(stack) };
}

describe('FederationBroker', () => {
  test('an IAM user with no policy of its own and no access key, in a group', () => {
    // GIVEN / WHEN
    const { template, broker: b } = broker({ userName: 'portal-broker', path: '/brokers/' });
    // THEN
    const t = template();
    t.hasResourceProperties('AWS::IAM::User', {
      UserName: 'portal-broker',
      Path: '/brokers/',
      Groups: [{ Ref: Match.stringLikeRegexp('^BrokerGroup') }],
      Policies: Match.absent(),
      ManagedPolicyArns: Match.absent(),
      LoginProfile: Match.absent(),
    });
    t.hasResourceProperties('AWS::IAM::Group', { Path: '/brokers/', Policies: Match.absent() });
    t.resourceCountIs('AWS::IAM::AccessKey', 0);
    t.resourceCountIs('AWS::SecretsManager::Secret', 0);
    t.resourceCountIs('AWS::IAM::Policy', 0);
    expect(b.user.node.id).toBe('Resource');
    expect(b.accessKeySecret).toBeUndefined();
  });

  test("GetFederationToken is allowed only for federated users under the prefix; the broker's own use of anything else is denied", () => {
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
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sts::111111111111:federated-user/portal-*']],
            },
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

  test("the ceiling is a customer-managed policy held by the broker's group", () => {
    // GIVEN / WHEN
    const { template, stack, broker: b } = broker();
    // THEN
    template().hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^BrokerGroup') }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] },
    });
    expect(stack.resolve(b.ceilingPolicy.managedPolicyArn)).toEqual({
      Ref: stack.getLogicalId(b.ceilingPolicy.node.defaultChild as iam.CfnManagedPolicy),
    });
  });

  test("with createAccessKey, the key's secret goes to Secrets Manager by reference, never into an output", () => {
    // GIVEN / WHEN
    const { template, broker: b } = broker({ createAccessKey: true });
    // THEN
    const t = template();
    t.resourceCountIs('AWS::IAM::AccessKey', 1);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: {
        'Fn::Join': [
          '',
          [
            '{"accessKeyId":"',
            { Ref: Match.stringLikeRegexp('^BrokerAccessKey') },
            '","secretAccessKey":"',
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^BrokerAccessKey'), 'SecretAccessKey'] },
            '"}',
          ],
        ],
      },
    });
    expect(JSON.stringify(t.toJSON().Outputs ?? {})).not.toContain('SecretAccessKey');
    expect(b.accessKeySecret).toBeDefined();
  });

  test('the federated-user ARN pattern follows the partition (AWS::Partition)', () => {
    const { stack, broker: b } = broker({}, 'cn-north-1');
    expect(stack.resolve(b.federatedUserArnPattern)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sts::111111111111:federated-user/portal-*']],
    });
  });

  test.each([
    ['p', true],
    ['p'.repeat(31), true],
    ['p'.repeat(32), false],
    ['', false],
    ['portal/', false],
    ['portal *', false],
  ])('prefix %p: accepted=%s', (federatedUserNamePrefix, ok) => {
    const create = () => broker({ federatedUserNamePrefix });
    if (ok) expect(create).not.toThrow();
    else
      expect(create).toThrow(
        /^Identity\/Broker: invalid federatedUserNamePrefix: received '.*'; expected 1 to 31 characters of letters, digits and \+ = , \. @ - _ \(federated-user names are 2 to 32 characters\)\.$/,
      );
  });

  test('an empty ceiling is refused', () => {
    expect(() => broker({ ceiling: [] })).toThrow(
      'Identity/Broker: invalid ceiling: received []; expected at least one statement: without a ceiling, federated sessions can do nothing.',
    );
  });

  test('a ceiling that bounds nothing is refused', () => {
    expect(() => broker({ ceiling: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })] })).toThrow(
      /^Identity\/Broker: invalid ceiling statement 1: received .*; expected Allow statements that name their actions \(Action '\*' is no ceiling\)\.$/,
    );
    expect(() =>
      broker({ ceiling: [new iam.PolicyStatement({ sid: 'All', notActions: ['iam:*'], resources: ['*'] })] }),
    ).toThrow(
      /^Identity\/Broker: invalid ceiling statement All: received .*; expected Allow statements that name their actions \(NotAction allows everything else: that is no ceiling\)\.$/,
    );
  });

  test('deny statements in the ceiling are fine', () => {
    expect(() =>
      broker({
        ceiling: [
          READ_REPORTS,
          new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            actions: ['*'],
            resources: ['arn:aws:s3:::reports/private/*'],
          }),
        ],
      }),
    ).not.toThrow();
  });

  test('IAM and STS actions in the ceiling raise a warning: federated sessions cannot call them', () => {
    // GIVEN / WHEN
    const { stack } = broker({
      ceiling: [
        READ_REPORTS,
        new iam.PolicyStatement({ actions: ['iam:ListUsers', 'sts:GetCallerIdentity'], resources: ['*'] }),
      ],
    });
    // THEN
    Annotations.fromStack(stack).hasWarning(
      '/Identity/Broker',
      Match.stringLikeRegexp('the ceiling allows iam:ListUsers, which a GetFederationToken session can never call'),
    );
  });

  test('user name and path are validated', () => {
    expect(() => broker({ userName: 'bad name' })).toThrow("Identity/Broker: invalid user name: received 'bad name'");
    expect(() => broker({ path: 'brokers' })).toThrow("Identity/Broker: invalid IAM path: received 'brokers'");
  });
});

describe('FederationBroker identity-policy table', () => {
  const TABLE = 'arn:aws:dynamodb:us-east-1:111111111111:table/Reports';
  const BROKER = 'arn:aws:iam::111111111111:user/portal-broker';
  const SESSION = 'arn:aws:sts::111111111111:federated-user/portal-alice';
  const asBroker = {
    'aws:PrincipalType': 'User',
    'aws:PrincipalArn': BROKER,
    'aws:PrincipalAccount': '111111111111',
    'aws:username': 'portal-broker',
  };
  const asSession = {
    'aws:PrincipalType': 'FederatedUser',
    'aws:PrincipalArn': SESSION,
    'aws:PrincipalAccount': '111111111111',
  };
  const cases: PolicyCase[] = [
    {
      name: 'broker mints a portal- federated user',
      principal: BROKER,
      action: 'sts:GetFederationToken',
      resource: 'arn:aws:sts::111111111111:federated-user/portal-alice',
      context: asBroker,
      expected: 'Allowed',
    },
    {
      name: 'broker mints a name outside the prefix',
      principal: BROKER,
      action: 'sts:GetFederationToken',
      resource: 'arn:aws:sts::111111111111:federated-user/admin-alice',
      context: asBroker,
      expected: 'ImplicitlyDenied',
    },
    {
      name: 'broker uses the ceiling with its own key',
      principal: BROKER,
      action: 'dynamodb:GetItem',
      resource: TABLE,
      context: asBroker,
      expected: 'ExplicitlyDenied',
    },
    {
      name: 'broker assumes a role with its own key',
      principal: BROKER,
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::111111111111:role/Admin',
      context: asBroker,
      expected: 'ExplicitlyDenied',
    },
    {
      name: 'federated session reads a report (within the ceiling)',
      principal: SESSION,
      action: 'dynamodb:GetItem',
      resource: TABLE,
      context: asSession,
      expected: 'Allowed',
    },
    {
      name: 'federated session writes a report (beyond the ceiling)',
      principal: SESSION,
      action: 'dynamodb:PutItem',
      resource: TABLE,
      context: asSession,
      expected: 'ImplicitlyDenied',
    },
    {
      name: 'federated session reads another table',
      principal: SESSION,
      action: 'dynamodb:GetItem',
      resource: 'arn:aws:dynamodb:us-east-1:111111111111:table/Other',
      context: asSession,
      expected: 'ImplicitlyDenied',
    },
  ];

  test('every row is decided as expected from the synthesized broker and ceiling policies, none undetermined', async () => {
    // GIVEN: cdk.json's flags, so ARNs carry the partition literally, as the evaluator needs
    const stack = new Stack(projectApp(), 'Identity', { env: { account: '111111111111', region: 'us-east-1' } });
    const b = new FederationBroker(stack, 'Broker', {
      userName: 'portal-broker',
      federatedUserNamePrefix: 'portal-',
      ceiling: [new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [TABLE] })],
    });
    const policies = [b.brokerPolicy, b.ceilingPolicy].map((p) => ({
      name: p.node.id,
      policy: stack.resolve((p.node.defaultChild as iam.CfnManagedPolicy).policyDocument),
    }));
    // WHEN
    const rows = await evaluatePolicyTable('111111111111', policies, cases);
    // THEN
    expect(rows.map((r) => [r.name, r.actual])).toEqual(cases.map((c) => [c.name, c.expected]));
    expect(rows.filter((r) => r.ignoredKeys.length > 0)).toEqual([]);
  });
});

describe('FederationBroker policies under the managed-policy quota', () => {
  /** A ceiling of `count` statements, each on one object ARN of `width` characters. */
  const ceiling = (count: number) =>
    Array.from(
      { length: count },
      (_, i) =>
        new iam.PolicyStatement({
          actions: ['s3:GetObject'],
          resources: [`arn:aws:s3:::reports-${String(i).padStart(4, '0')}/${'k'.repeat(40)}/*`],
        }),
    );

  test('a ceiling up to 6,144 characters synthesizes; one past it fails naming the policy, the size and the quota', () => {
    // GIVEN: each statement is 124 characters, the document 39 + a comma between two: 48 make 6,038, 49 make 6,163
    const fits = broker({ ceiling: ceiling(48) });
    const tooLarge = broker({ ceiling: ceiling(49) });
    // WHEN / THEN
    expect(() => fits.template()).not.toThrow();
    expect(() => tooLarge.template()).toThrow(
      /Identity\/Broker\/Ceiling: invalid managed policy size: received '\d+ characters'; expected at most 6144 characters \(StsLimits.MANAGED_POLICY_MAX_LENGTH/,
    );
  });
});
