import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CognitoIdentityPoolRole,
  CognitoIdentityPoolRoleProps,
  CognitoIdentityType,
} from '../../../lib/federation/cognito/cognito-identity-pool-role';

const POOL = 'eu-west-1:11111111-2222-3333-4444-555555555555';

function stack(): Stack {
  return new Stack(new App(), 'Dev', { env: { account: '222222222222', region: 'eu-west-1' } });
}

function make(props: Partial<CognitoIdentityPoolRoleProps> = {}, s = stack()) {
  const role = new CognitoIdentityPoolRole(s, 'Role', {
    identityPoolId: POOL,
    identityType: CognitoIdentityType.AUTHENTICATED,
    ...props,
  });
  return { stack: s, role };
}

function guest(props: Partial<CognitoIdentityPoolRoleProps> = {}, s = stack()) {
  return make({ identityType: CognitoIdentityType.UNAUTHENTICATED, ...props }, s);
}

describe('CognitoIdentityPoolRole', () => {
  test.each([
    [CognitoIdentityType.AUTHENTICATED, 'authenticated'],
    [CognitoIdentityType.UNAUTHENTICATED, 'unauthenticated'],
  ])('%s role trusts cognito-identity with aud pinned to the pool and amr %s', (identityType, amr) => {
    // GIVEN / WHEN
    const { stack: s } = make({ identityType, roleName: 'AppUsers' });
    // THEN
    Template.fromStack(s).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'AppUsers',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
            },
          },
        ],
      },
    });
  });

  test('session tags are opt-in', () => {
    // GIVEN / WHEN
    const { stack: s } = make({ allowSessionTags: true });
    // THEN
    Template.fromStack(s).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }] },
    });
  });

  test.each([
    ['eu-west-1:11111111-2222-3333-4444-555555555555', true],
    ['us-gov-west-1:abcdef01-2345-6789-abcd-ef0123456789', true],
    ['eu-west-1_11111111-2222-3333-4444-555555555555', false],
    ['11111111-2222-3333-4444-555555555555', false],
    ['eu-west-1:*', false],
    ['eu-west-1:11111111-2222-3333-4444-55555555555', false],
    ['eu-west-1:11111111-2222-3333-4444-55555555555G', false],
  ])('identity pool id %p accepted=%s', (identityPoolId, ok) => {
    const create = () => make({ identityPoolId });
    if (ok) expect(create).not.toThrow();
    else
      expect(create).toThrow(
        `Dev/Role: invalid identity pool id: received '${identityPoolId}'; expected a Cognito identity pool id like 'eu-west-1:11111111-2222-3333-4444-555555555555' (region, colon, GUID).`,
      );
  });

  test('acknowledgements are refused on an authenticated role', () => {
    expect(() => make({ acknowledgeUnauthenticatedWildcards: true })).toThrow(
      "Dev/Role: invalid acknowledgements of unauthenticated access: received 'set on an AUTHENTICATED role'; expected them only on the UNAUTHENTICATED (guest) role.",
    );
  });

  test('an authenticated role may hold any permission', () => {
    // GIVEN
    const { stack: s, role } = make();
    // WHEN
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    // THEN
    expect(() => Template.fromStack(s)).not.toThrow();
  });

  describe('guest role permissions', () => {
    test('read-only exact statements pass', () => {
      // GIVEN / WHEN
      const { stack: s } = guest({
        statements: [
          new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::public-assets/logo.png'] }),
        ],
      });
      // THEN
      Template.fromStack(s).hasResourceProperties('AWS::IAM::Role', {
        Policies: [
          {
            PolicyName: 'Permissions',
            PolicyDocument: {
              Statement: [{ Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-assets/logo.png' }],
            },
          },
        ],
      });
    });

    test('a write in the props statements fails synth, naming the action', () => {
      // GIVEN
      const { stack: s } = guest({
        statements: [new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::uploads/file'] })],
      });
      // WHEN / THEN
      expect(() => Template.fromStack(s)).toThrow(
        /Dev\/Role: guests \(unauthenticated identities\) would be allowed actions that are not read-only: s3:PutObject\./,
      );
    });

    test('an acknowledged write passes', () => {
      // GIVEN
      const { stack: s } = guest({
        statements: [
          new iam.PolicyStatement({
            actions: ['rum:PutRumEvents'],
            resources: ['arn:aws:rum:eu-west-1:222222222222:appmonitor/web'],
          }),
        ],
        acknowledgedUnauthenticatedActions: ['rum:PutRumEvents'],
      });
      // WHEN / THEN
      expect(() => Template.fromStack(s)).not.toThrow();
    });

    test('a grant with wildcards (bucket.grantRead) fails synth unless wildcards are acknowledged', () => {
      // GIVEN
      const s1 = stack();
      const { role: r1 } = guest({}, s1);
      new s3.Bucket(s1, 'Assets').grantRead(r1);
      const s2 = stack();
      const { role: r2 } = guest({ acknowledgeUnauthenticatedWildcards: true }, s2);
      new s3.Bucket(s2, 'Assets').grantRead(r2);
      // WHEN / THEN
      expect(() => Template.fromStack(s1)).toThrow(
        /would be allowed wildcards: action 's3:GetObject\*' in policy Dev\/Role\/DefaultPolicy\/Resource/,
      );
      expect(() => Template.fromStack(s2)).not.toThrow();
    });

    test('an iam.Policy attached from its side is checked', () => {
      // GIVEN
      const { stack: s, role } = guest();
      // WHEN
      new iam.Policy(s, 'Extra', {
        roles: [role],
        statements: [
          new iam.PolicyStatement({
            actions: ['dynamodb:PutItem'],
            resources: ['arn:aws:dynamodb:eu-west-1:222222222222:table/T'],
          }),
        ],
      });
      // THEN
      expect(() => Template.fromStack(s)).toThrow(/not read-only: dynamodb:PutItem/);
    });

    test('an iam.ManagedPolicy attached from either side is checked', () => {
      // GIVEN
      const s1 = stack();
      const { role: r1 } = guest({}, s1);
      new iam.ManagedPolicy(s1, 'Mp', {
        roles: [r1],
        statements: [
          new iam.PolicyStatement({
            actions: ['sqs:SendMessage'],
            resources: ['arn:aws:sqs:eu-west-1:222222222222:q'],
          }),
        ],
      });
      const s2 = stack();
      const mp = new iam.ManagedPolicy(s2, 'Mp', {
        statements: [
          new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['arn:aws:sns:eu-west-1:222222222222:t'] }),
        ],
      });
      guest({ managedPolicies: [mp] }, s2);
      // WHEN / THEN
      expect(() => Template.fromStack(s1)).toThrow(/not read-only: sqs:SendMessage/);
      expect(() => Template.fromStack(s2)).toThrow(/not read-only: sns:Publish/);
    });

    test('an AWS-managed policy cannot be read and is refused on a guest role', () => {
      // GIVEN
      const { stack: s, role } = guest({ acknowledgeUnauthenticatedWildcards: true });
      // WHEN
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
      // THEN
      expect(() => Template.fromStack(s)).toThrow(
        /Dev\/Role: guests \(unauthenticated identities\) would get managed policy .*ReadOnlyAccess.*whose document cannot be read here/,
      );
    });

    test('deny statements are fine on a guest role', () => {
      // GIVEN
      const { stack: s, role } = guest();
      // WHEN
      role.addToPrincipalPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] }));
      // THEN
      expect(() => Template.fromStack(s)).not.toThrow();
    });

    test('a policy attached to another role is not counted against the guest role', () => {
      // GIVEN
      const { stack: s } = guest();
      const other = new CognitoIdentityPoolRole(s, 'Signed', {
        identityPoolId: POOL,
        identityType: CognitoIdentityType.AUTHENTICATED,
      });
      // WHEN
      other.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
      new iam.ManagedPolicy(s, 'Mp', {
        roles: [other],
        statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] })],
      });
      // THEN
      expect(() => Template.fromStack(s)).not.toThrow();
    });
  });
});
