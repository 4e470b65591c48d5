import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MfaForApiPolicy } from '../../../lib/federation/broker/mfa-for-api-policy';
import { projectApp } from '../../util';
import { evaluatePolicyTable, PolicyCase } from './identity-policy-table';

function stack(): Stack {
  return new Stack(new App(), 'Identity', { env: { account: '111111111111', region: 'eu-west-1' } });
}

describe('MfaForApiPolicy', () => {
  test("denies everything but GetSessionToken without MFA (BoolIfExists in a Deny), allows reading one's own MFA devices", () => {
    // GIVEN
    const s = stack();
    const developers = new iam.Group(s, 'Developers');
    // WHEN
    new MfaForApiPolicy(s, 'MfaForApi', { groups: [developers], managedPolicyName: 'MfaForApi' });
    // THEN
    Template.fromStack(s).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: 'MfaForApi',
      Groups: [{ Ref: Match.stringLikeRegexp('^Developers') }],
      PolicyDocument: {
        Statement: [
          {
            Sid: 'AllowReadOwnUserAndMfaDevices',
            Effect: 'Allow',
            Action: ['iam:GetUser', 'iam:ListMFADevices'],
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:user/${aws:username}']],
            },
          },
          {
            Sid: 'DenyAllExceptGetSessionTokenWithoutMfa',
            Effect: 'Deny',
            NotAction: ['sts:GetSessionToken', 'iam:GetUser', 'iam:ListMFADevices'],
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ],
      },
    });
  });

  test('more actions can be exempted', () => {
    const s = stack();
    new MfaForApiPolicy(s, 'MfaForApi', { additionalActionsWithoutMfa: ['iam:ChangePassword'] });
    Template.fromStack(s).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            NotAction: ['sts:GetSessionToken', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ChangePassword'],
          }),
        ]),
      },
    });
  });

  test("statements() gives the same statements for a policy of one's own", () => {
    // GIVEN
    const s = stack();
    // WHEN
    const statements = MfaForApiPolicy.statements(s);
    // THEN
    expect(statements.map((st) => st.sid)).toEqual([
      'AllowReadOwnUserAndMfaDevices',
      'DenyAllExceptGetSessionTokenWithoutMfa',
    ]);
    expect(statements[1].effect).toBe(iam.Effect.DENY);
  });
});

describe('MfaForApiPolicy identity-policy table', () => {
  const ALICE = 'arn:aws:iam::111111111111:user/alice';
  const base = {
    'aws:PrincipalType': 'User',
    'aws:PrincipalArn': ALICE,
    'aws:PrincipalAccount': '111111111111',
    'aws:username': 'alice',
  };
  const longTermKey = base; // no aws:MultiFactorAuthPresent at all, as AWS sends for long-term access keys
  const noMfaSession = { ...base, 'aws:MultiFactorAuthPresent': 'false' };
  const mfaSession = { ...base, 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '60' };
  const BUCKET = 'arn:aws:s3:::reports';
  const cases: PolicyCase[] = [
    {
      name: 'long-term key calls S3',
      principal: ALICE,
      action: 's3:ListBucket',
      resource: BUCKET,
      context: longTermKey,
      expected: 'ExplicitlyDenied',
    },
    {
      name: 'session without MFA calls S3',
      principal: ALICE,
      action: 's3:ListBucket',
      resource: BUCKET,
      context: noMfaSession,
      expected: 'ExplicitlyDenied',
    },
    {
      name: 'session with MFA calls S3',
      principal: ALICE,
      action: 's3:ListBucket',
      resource: BUCKET,
      context: mfaSession,
      expected: 'Allowed',
    },
    {
      name: 'long-term key calls GetSessionToken',
      principal: ALICE,
      action: 'sts:GetSessionToken',
      resource: '*',
      context: longTermKey,
      expected: 'Allowed',
    },
    {
      name: 'long-term key lists its own MFA devices',
      principal: ALICE,
      action: 'iam:ListMFADevices',
      resource: ALICE,
      context: longTermKey,
      expected: 'Allowed',
    },
    {
      name: 'long-term key assumes a role',
      principal: ALICE,
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::222222222222:role/Admin',
      context: longTermKey,
      expected: 'ExplicitlyDenied',
    },
  ];

  test("only GetSessionToken (and finding one's MFA device) works without MFA, everything the user may do works with it", async () => {
    // GIVEN: the MFA policy next to a broad policy of the user's own
    const stack = new Stack(projectApp(), 'Identity', { env: { account: '111111111111', region: 'us-east-1' } });
    const policy = new MfaForApiPolicy(stack, 'MfaForApi');
    const policies = [
      { name: 'MfaForApi', policy: stack.resolve((policy.node.defaultChild as iam.CfnManagedPolicy).policyDocument) },
      {
        name: 'UserOwnPermissions',
        policy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:ListBucket', 'sts:GetSessionToken', 'sts:AssumeRole'], Resource: '*' },
          ],
        },
      },
    ];
    // WHEN
    const rows = await evaluatePolicyTable('111111111111', policies, cases);
    // THEN
    expect(rows.map((r) => [r.name, r.actual])).toEqual(cases.map((c) => [c.name, c.expected]));
    expect(rows.filter((r) => r.ignoredKeys.length > 0)).toEqual([]);
  });
});

describe('MfaForApiPolicy under the managed-policy quota', () => {
  test('too many actions exempt from MFA fail at synth, naming the policy, the size and the quota', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Identity', { env: { account: '111111111111', region: 'eu-west-1' } });
    const actions = Array.from({ length: 400 }, (_, i) => `iam:GetSomethingNumber${i}`);
    // WHEN
    new MfaForApiPolicy(stack, 'MfaForApi', { additionalActionsWithoutMfa: actions });
    // THEN
    expect(() => Template.fromStack(stack)).toThrow(
      /Identity\/MfaForApi: invalid managed policy size: received '\d+ characters'; expected at most 6144 characters/,
    );
  });
});
