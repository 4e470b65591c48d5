import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { MfaForApiPolicy } from '../../../lib/federation/broker/mfa-for-api-policy';

function stack(): Stack {
  return new Stack(new App(), 'Identity', { env: { account: '111111111111', region: 'eu-west-1' } });
}

describe('MfaForApiPolicy', () => {
  test('denies everything but GetSessionToken without MFA (BoolIfExists in a Deny), allows reading one\'s own MFA devices', () => {
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
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:user/${aws:username}']] },
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
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ NotAction: ['sts:GetSessionToken', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ChangePassword'] })]) },
    });
  });

  test('statements() gives the same statements for a policy of one\'s own', () => {
    // GIVEN
    const s = stack();
    // WHEN
    const statements = MfaForApiPolicy.statements(s);
    // THEN
    expect(statements.map((st) => st.sid)).toEqual(['AllowReadOwnUserAndMfaDevices', 'DenyAllExceptGetSessionTokenWithoutMfa']);
    expect(statements[1].effect).toBe(iam.Effect.DENY);
  });
});
